// The graph drawing: Cytoscape.js with nodes coloured by kind, edges labelled by type, rumored facts dashed and faded.
import cytoscape from 'cytoscape';
import type { Edge, Kind, NodeRef, Subgraph } from './types.js';

export const KIND_COLOURS: Record<Kind, string> = {
  COMPANY: '#2f6db5',
  COUNTRY: '#7a7a7a',
  CHIP: '#e07b00',
  SOFTWARE_STACK: '#8e44ad',
  MODEL: '#1e8c4e',
  EXPORT_CONTROL: '#c0392b',
};

export const KIND_LABELS: Record<Kind, string> = {
  COMPANY: 'company',
  COUNTRY: 'country',
  CHIP: 'chip',
  SOFTWARE_STACK: 'software stack',
  MODEL: 'model',
  EXPORT_CONTROL: 'export control',
};

export interface GraphHandlers {
  /** A node was clicked: open it. */
  onOpen?: (node: NodeRef) => void;
  /** A node was right-clicked or shift-clicked: expand it in place. */
  onExpand?: (node: NodeRef) => void;
  /** An edge was clicked: show its sources. */
  onEdge?: (edge: Edge) => void;
}

export interface GraphView {
  cy: cytoscape.Core;
  /** Replace everything with this subgraph; around `focusId` in rings, or as a tree from `roots`. */
  set(sub: Subgraph, focusId?: string, roots?: string[]): void;
  /** Add the nodes and edges not already drawn (expand in place). */
  add(sub: Subgraph): number;
  destroy(): void;
}

const STYLE: cytoscape.StylesheetJson = [
  {
    selector: 'node',
    style: {
      'background-color': 'data(colour)',
      label: 'data(label)',
      color: '#1d1d1d',
      'font-size': 10,
      'text-valign': 'bottom',
      'text-margin-y': 3,
      'text-wrap': 'ellipsis',
      'text-max-width': '120px',
      width: 22,
      height: 22,
      'border-width': 1,
      'border-color': '#ffffff',
    },
  },
  { selector: 'node[kind = "CHIP"]', style: { shape: 'round-rectangle' } },
  { selector: 'node[kind = "MODEL"]', style: { shape: 'ellipse' } },
  { selector: 'node[kind = "COUNTRY"]', style: { shape: 'hexagon' } },
  { selector: 'node[kind = "EXPORT_CONTROL"]', style: { shape: 'diamond' } },
  { selector: 'node[kind = "SOFTWARE_STACK"]', style: { shape: 'tag' } },
  {
    selector: 'node.focus',
    style: { width: 34, height: 34, 'border-width': 3, 'border-color': '#111', 'font-weight': 'bold' },
  },
  {
    selector: 'edge',
    style: {
      width: 1.5,
      'line-color': '#9aa5b1',
      'target-arrow-color': '#9aa5b1',
      'target-arrow-shape': 'triangle',
      'arrow-scale': 0.8,
      'curve-style': 'bezier',
      label: 'data(type)',
      'font-size': 7,
      color: '#555',
      'text-rotation': 'autorotate',
      'text-background-color': '#ffffff',
      'text-background-opacity': 0.8,
      'text-background-padding': '1px',
    },
  },
  {
    selector: 'edge[confidence = "CONFIRMED"]',
    style: { width: 2.2, 'line-color': '#6b7785', 'target-arrow-color': '#6b7785' },
  },
  { selector: 'edge[confidence = "RUMORED"]', style: { 'line-style': 'dashed', opacity: 0.55 } },
  // Facts between two neighbours: kept for context, quiet so the focus's own facts stand out.
  { selector: 'edge.context', style: { opacity: 0.18, 'text-opacity': 0 } },
  { selector: 'edge.context:selected', style: { opacity: 1, 'text-opacity': 1 } },
  {
    selector: ':selected',
    style: { 'line-color': '#111', 'target-arrow-color': '#111', 'border-color': '#111', 'border-width': 3 },
  },
];

function nodeData(n: NodeRef) {
  return {
    group: 'nodes' as const,
    data: { id: n.id, label: n.name, kind: n.kind, colour: KIND_COLOURS[n.kind] ?? '#999' },
  };
}

function edgeData(e: Edge) {
  return {
    group: 'edges' as const,
    data: { id: `e:${e.id}`, source: e.from, target: e.to, type: e.type, confidence: e.confidence, fact: e },
  };
}

/** Edges whose ends are both drawn (a truncated neighbourhood may mention nodes it left out). */
function drawable(sub: Subgraph, known: Set<string>): Edge[] {
  return sub.edges.filter((e) => known.has(e.from) && known.has(e.to));
}

export function createGraph(container: HTMLElement, handlers: GraphHandlers = {}): GraphView {
  const cy = cytoscape({
    container,
    style: STYLE,
    minZoom: 0.2,
    maxZoom: 3,
    boxSelectionEnabled: false,
    // No layout at creation: the container may not be on the page yet; set() lays out once it is.
    layout: { name: 'preset' },
  });
  const refOf = (n: cytoscape.NodeSingular): NodeRef => ({
    id: n.id(),
    name: String(n.data('label')),
    kind: n.data('kind') as Kind,
  });
  cy.on('tap', 'node', (ev) => {
    const node = ev.target as cytoscape.NodeSingular;
    const orig = ev.originalEvent as MouseEvent | undefined;
    if (orig?.shiftKey || orig?.altKey) handlers.onExpand?.(refOf(node));
    else handlers.onOpen?.(refOf(node));
  });
  cy.on('cxttap', 'node', (ev) => handlers.onExpand?.(refOf(ev.target as cytoscape.NodeSingular)));
  cy.on('tap', 'edge', (ev) => handlers.onEdge?.((ev.target as cytoscape.EdgeSingular).data('fact') as Edge));

  // Around a focus: rings by hop distance (the neighbourhood reads as a target); otherwise a force layout.
  const layout = (focusId?: string, roots?: string[]) => {
    if (roots?.length) {
      cy.layout({
        name: 'breadthfirst',
        roots: roots.map((r) => `#${CSS.escape(r)}`).join(','),
        directed: false,
        animate: false,
        fit: true,
        padding: 30,
        spacingFactor: 1.1,
      } as cytoscape.LayoutOptions).run();
      return;
    }
    const focus = focusId ? cy.$id(focusId) : undefined;
    if (focus?.nonempty()) {
      const dist = new Map<string, number>();
      cy.elements().bfs({
        roots: focus,
        directed: false,
        visit: (v, _e, _u, _i, depth) => {
          dist.set(v.id(), depth);
        },
      });
      const far = Math.max(0, ...dist.values()) + 1;
      cy.layout({
        name: 'concentric',
        animate: false,
        fit: true,
        padding: 30,
        minNodeSpacing: 40,
        concentric: (n: cytoscape.NodeSingular) => far - (dist.get(n.id()) ?? far),
        levelWidth: () => 1,
      }).run();
      return;
    }
    cy.layout({
      name: cy.nodes().length > 2 ? 'cose' : 'grid',
      animate: false,
      fit: true,
      padding: 30,
      randomize: true,
      nodeRepulsion: () => 12000,
      idealEdgeLength: () => 100,
    }).run();
  };
  let focused: string | undefined;
  // A small graph fitted to the box would be drawn huge: keep it at a readable size.
  const settle = () => {
    if (cy.zoom() > 1.2) {
      cy.zoom(1.2);
      cy.center();
    }
  };

  return {
    cy,
    set(sub, focusId, roots) {
      // A view the user already left may still be finishing its request: nothing to draw into.
      if (cy.destroyed() || !container.isConnected) return;
      // The container may have been attached to the page after cytoscape() ran: measure it again.
      cy.resize();
      cy.elements().remove();
      const known = new Set(sub.nodes.map((n) => n.id));
      // Grouped by kind, so that each ring of the layout keeps chips, models and companies together.
      const nodes = [...sub.nodes].sort(
        (a, b) => a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name),
      );
      cy.add([...nodes.map(nodeData), ...drawable(sub, known).map(edgeData)]);
      focused = focusId;
      if (focusId) {
        cy.$id(focusId).addClass('focus');
        cy.edges().not(cy.$id(focusId).connectedEdges()).addClass('context');
      }
      layout(focusId, roots);
      settle();
    },
    add(sub) {
      if (cy.destroyed() || !container.isConnected) return 0;
      cy.resize();
      const before = cy.elements().length;
      const fresh = sub.nodes.filter((n) => cy.$id(n.id).empty());
      cy.add(fresh.map(nodeData));
      const known = new Set(cy.nodes().map((n) => n.id()));
      cy.add(
        drawable(sub, known)
          .filter((e) => cy.$id(`e:${e.id}`).empty())
          .map(edgeData),
      );
      layout(focused);
      settle();
      return cy.elements().length - before;
    },
    destroy() {
      cy.destroy();
    },
  };
}
