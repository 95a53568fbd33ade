import type * as Estree from '@typescript-eslint/typescript-estree';

let estree: typeof Estree | undefined;

/**
 * typescript-estree, and with it the TypeScript compiler (~10 MB of code), loads on the first
 * parse: most runs and files never need it. Import it only through here: a static import would
 * load it with the bundle.
 */
export function parser(): typeof Estree {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (estree ??= require('@typescript-eslint/typescript-estree') as typeof Estree);
}

export type ParseOptions = Estree.TSESTreeOptions & { comment: boolean; jsx: boolean; filePath: string; range: true };

/** How a file is parsed: ranges, no line/column objects, no JSDoc; JSX by extension; comments only when asked. */
export function parseOptionsFor(filePath: string, comment: boolean): ParseOptions {
  return { range: true, loc: false, comment, jsDocParsingMode: 'none', jsx: /\.(tsx|jsx|js|mjs|cjs)$/i.test(filePath), filePath };
}
