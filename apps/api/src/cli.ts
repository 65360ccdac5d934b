// The shell entry of the operator commands (see README and commands.ts).
import { USAGE, isOperatorError, runCommand } from './commands.js';

const args = process.argv.slice(2);
if (args.length === 0 || args[0] === '--help' || args[0] === 'help') {
  console.log(USAGE);
  process.exit(args.length === 0 ? 1 : 0);
}

runCommand(args).then(
  (message) => {
    console.log(message);
  },
  (err: unknown) => {
    console.error(isOperatorError(err) ? `Error: ${err.message}` : err);
    process.exitCode = 1;
  },
);
