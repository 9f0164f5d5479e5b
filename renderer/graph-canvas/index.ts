export { GraphCanvas, type GraphCanvasProps } from './GraphCanvas';
export type { CanvasEdge, CanvasNode, CanvasSelection, DrawnEdge, GraphCanvasHandle, LayoutName, Positions } from './types';
export { KIND_COLOURS, iconDataUri, NODE_KINDS } from './icons';
export { ALERT_COLOUR, EVIDENCE_COLOUR, PARTNER_COLOUR, PEP_COLOUR, THIRD_PARTY_COLOUR, WATCHLIST_COLOUR } from './style';
export { LayoutClient, LayoutCancelledError, type LayoutRequest } from './layoutClient';
export { FULL_QUALITY_FORCE_LIMIT, REFINE_FORCE_LIMIT } from './layoutProtocol';
export { boundsOf, orientToCanvas, stretchToCanvas } from './orientation';
