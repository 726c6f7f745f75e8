#!/usr/bin/env node
/**
 * @module bin/hyperlocal
 * The `hyperlocal` executable. Registers tsx so that Node can load the TypeScript sources, then runs the command
 * line in src/cli/main.ts with this process's arguments and sets the exit code it returns.
 */

import { register } from "tsx/esm/api";

register();
const { main } = await import("../src/cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
