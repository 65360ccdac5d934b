// The shell entry of the operator commands (see README and commands.ts).
import { isOperatorError, runCommand } from './commands.js';

runCommand(process.argv.slice(2)).then(
  (message) => {
    console.log(message);
  },
  (err: unknown) => {
    console.error(isOperatorError(err) ? `Error: ${err.message}` : err);
    process.exitCode = 1;
  },
);
