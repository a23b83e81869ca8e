// A module-resolution hook (node:module register): `vscode` → the stub.
const stubUrl = new URL('./stub.ts', import.meta.url).href;

type Resolve = (specifier: string, context: unknown) => Promise<{ url: string }>;

export async function resolve(specifier: string, context: unknown, nextResolve: Resolve): Promise<{ url: string; shortCircuit?: boolean }> {
  // Through the next hooks (tsx), which load the stub's TypeScript.
  if (specifier === 'vscode') return nextResolve(stubUrl, context);
  return nextResolve(specifier, context);
}
