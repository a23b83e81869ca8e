// A module-resolution hook (node:module register): `vscode` → the stub.
const stubUrl = new URL('./stub.ts', import.meta.url).href;

type Resolve = (specifier: string, context: unknown) => Promise<{ url: string }>;

export async function resolve(specifier: string, context: unknown, nextResolve: Resolve): Promise<{ url: string; shortCircuit?: boolean }> {
  if (specifier === 'vscode') return { url: stubUrl, shortCircuit: true };
  return nextResolve(specifier, context);
}
