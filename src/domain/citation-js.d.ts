// Types for the parts of citation-js (untyped JavaScript) that chipgraph uses.
declare module '@citation-js/core' {
  export class Cite {
    constructor(data?: unknown, options?: Record<string, unknown>);
    data: Record<string, unknown>[];
    format(format: string, options?: Record<string, unknown>): string;
    static async(data: unknown, options?: Record<string, unknown>): Promise<Cite>;
  }
  export const plugins: {
    config: { get(name: string): Record<string, unknown> };
  };
}
declare module '@citation-js/plugin-bibtex';
declare module '@citation-js/plugin-ris';
declare module '@citation-js/plugin-csl';
