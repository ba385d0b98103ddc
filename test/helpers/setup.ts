// Tests render Ink without a TTY and must not inherit CI's "last frame only" mode or colours.
delete process.env.CI;
process.env.FORCE_COLOR = '0';
