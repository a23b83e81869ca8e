// zod schemas of what webviews send the host: messages and the state a panel is restored from.
// A webview is a web page, so the host checks its messages as it checks any other input. Only
// the host imports this file (lazily, inside command handlers); apps import the types alone.
import { z } from 'zod';
import type { WebviewViewType } from './apps.js';
import type { PinPreviewFromWebview, PinPreviewState } from './pinPreview.js';

const initialized = z.object({ type: z.literal('initialized') });

const pinPreviewFromWebview = z.discriminatedUnion('type', [
  initialized,
  z.object({ type: z.literal('refresh') }),
  z.object({ type: z.literal('openDataTxt') }),
]);

const pinPreviewSource = z.object({
  boardFolder: z.string().min(1),
  boardName: z.string().min(1),
  pin: z.string().min(1),
  version: z.string().min(1).optional(),
});

// The preview inside the state is the webview's own copy, for it alone: the host only needs the source.
const pinPreviewState = z.object({ source: pinPreviewSource }).loose();

/** What each app may send; the host drops anything else. */
export const FROM_WEBVIEW_SCHEMAS = {
  'pinwheel.pinPreview': pinPreviewFromWebview,
} satisfies { [V in WebviewViewType]: z.ZodType };

/** The state the host's serializer accepts when VS Code restores a panel after a reload. */
export const STATE_SCHEMAS = {
  'pinwheel.pinPreview': pinPreviewState,
} satisfies { [V in WebviewViewType]: z.ZodType };

// Compile-time checks that the schemas accept exactly the contract's types.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const schemasMatchContract: [
  Same<z.infer<typeof pinPreviewFromWebview>, PinPreviewFromWebview>,
  Same<z.infer<typeof pinPreviewSource>, PinPreviewState['source']>,
] = [true, true];
void schemasMatchContract;
