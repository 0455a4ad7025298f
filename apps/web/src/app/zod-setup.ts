import { z } from 'zod';

// The content security policy forbids eval. Without this, zod probes for it with `Function('')`
// on its first parse, which the browser blocks and reports as a policy violation. Imported first
// in main.tsx, so it runs before any module parses anything.
z.config({ jitless: true });
