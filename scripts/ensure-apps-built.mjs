// `npm start` serves the two apps from their builds: build any that is missing (once, ~30 s).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

for (const app of ['customer', 'admin']) {
  if (existsSync(`apps/${app}/dist/index.html`)) continue;
  console.log(`Building the ${app} app (first start only; later: npm run build:apps)…`);
  execFileSync('npm', ['run', 'build', '--workspace', `apps/${app}`], { stdio: 'inherit' });
}
