/** Drawings of a synthesized stack: the model, and its text, SVG and Mermaid renderings. */
export { diagramModel, environmentModel, requestPath, deployPath, type CopyView, type DiagramModel, type DiagramStack, type ZoneView } from './model.js';
export { renderText } from './text.js';
export { renderSvg } from './svg.js';
export { renderMermaid } from './mermaid.js';

export const DIAGRAM_FORMATS = ['text', 'svg', 'mermaid'] as const;
export type DiagramFormat = (typeof DIAGRAM_FORMATS)[number];
