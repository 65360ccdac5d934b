// Debian Chromium driven by playwright-core (no browser downloads on these machines), for the e2e
// journeys and the bench's tablet scenario.
import { chromium, type Browser } from 'playwright-core';

/** The flags this sandbox needs: headless, no sandbox or GPU, nothing phoning home. */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Launches headless Debian Chromium (CHROMIUM_PATH overrides /usr/bin/chromium). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
}
