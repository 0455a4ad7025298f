// Runs before the app's modules. The content security policy forbids eval; without this, zod
// probes for it with `Function('')` while the contracts' schemas are built, which the browser
// blocks and reports as a policy violation. zod reads this object as its global configuration.
globalThis.__zod_globalConfig = Object.assign(globalThis.__zod_globalConfig || {}, { jitless: true });
