// @ts-check
/**
 * The emulator: moto_server on a free loopback port, and the gateway in front
 * of it on `port` (0: any free port). See ../emulator.mjs for what it answers.
 */
import { startGateway } from './gateway.mjs';
import { startMoto } from './moto.mjs';
import appAutoscaling from './services/appAutoscaling.mjs';
import codebuild from './services/codebuild.mjs';
import codepipeline from './services/codepipeline.mjs';
import codestarConnections from './services/codestarConnections.mjs';
import ec2 from './services/ec2.mjs';
import ec2Subnets from './services/ec2Subnets.mjs';
import ecs from './services/ecs.mjs';
import ecsTasks from './services/ecsTasks.mjs';
import rds from './services/rds.mjs';
import s3 from './services/s3.mjs';
import { warmMoto } from './warm.mjs';

export { MotoMissing, findMotoServer } from './moto.mjs';

/** Every service module, in the order of the list in ../emulator.mjs. */
export const SERVICES = [codestarConnections, appAutoscaling, codebuild, codepipeline, ec2, ecs, ecsTasks, ec2Subnets, rds, s3];

/**
 * @typedef {object} Emulator
 * @property {string} endpoint  the gateway, http://127.0.0.1:PORT: point `endpoint` here
 * @property {string} motoUrl   moto itself, behind the gateway
 * @property {() => Promise<void>} stop  stops the gateway and moto (idempotent)
 * @property {Promise<void>} motoExited  resolves if moto stops on its own
 * @property {Promise<{ warmed: string[], failed: string[], seconds: number }>} warmed
 *   resolves when moto has loaded the stack's services (warm.mjs), which starts
 *   in the background once moto answers; never rejects
 */

/**
 * @param {{ port?: number, log?: (line: string) => void, env?: NodeJS.ProcessEnv, warmRegion?: string }} [options]
 *   `warmRegion`: the region whose backends moto loads at start (default:
 *   AWS_REGION, AWS_DEFAULT_REGION, then us-east-1, as ecs-wizard picks one)
 * @returns {Promise<Emulator>}
 */
export async function startEmulator(options = {}) {
  const moto = await startMoto({ env: options.env });
  let gateway;
  try {
    gateway = await startGateway({ port: options.port ?? 0, motoUrl: moto.url, services: SERVICES, log: options.log });
  } catch (error) {
    await moto.stop();
    throw error;
  }
  const env = options.env ?? process.env;
  const region = options.warmRegion ?? env['AWS_REGION'] ?? env['AWS_DEFAULT_REGION'] ?? 'us-east-1';
  const warming = new AbortController();
  const begun = Date.now();
  const warmed = warmMoto(moto.url, { region, signal: warming.signal }).then((result) => ({
    ...result,
    seconds: (Date.now() - begun) / 1000,
  }));
  /** @type {Promise<void> | undefined} */
  let stopping;
  return {
    endpoint: gateway.url,
    motoUrl: moto.url,
    motoExited: moto.exited.then(() => undefined),
    warmed,
    stop: () => (stopping ??= (async () => {
      warming.abort();
      await warmed;
      await gateway.close();
      await moto.stop();
    })()),
  };
}
