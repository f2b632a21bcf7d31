import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';

/**
 * A real Chromium without downloads: CHROMIUM_PATH, else the system's Chromium
 * (Debian's `chromium`), else the @sparticuz/chromium npm package. Launched
 * headless with our own flags (no sandbox as root, no background networking:
 * the machine has no internet), with a fonts configuration so Chinese renders.
 */
export async function findChromium(): Promise<string | null> {
  if (process.env.CHROMIUM_PATH && fs.existsSync(process.env.CHROMIUM_PATH)) return process.env.CHROMIUM_PATH;
  for (const p of ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'])
    if (fs.existsSync(p)) return p;
  try {
    const mod = (await import('@sparticuz/chromium')) as unknown as {
      default: { executablePath(): Promise<string> };
    };
    return await mod.default.executablePath();
  } catch {
    return null;
  }
}

export async function launchBrowser(): Promise<Browser> {
  const executablePath = await findChromium();
  if (!executablePath)
    throw new Error(
      'No Chromium found: set CHROMIUM_PATH, install Debian’s chromium, or the @sparticuz/chromium package',
    );
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--lang=zh-CN',
      // the video link's tests (calls.test.ts): a fake camera and microphone, granted without asking
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
    ],
    env: { ...process.env, FONTCONFIG_FILE: fontsConfig(), TZ: 'Asia/Shanghai' },
  });
}

/** A fontconfig file naming the system's font folders (CJK fonts included when installed). */
function fontsConfig(): string {
  const file = path.join(os.tmpdir(), 'wangge-fonts.conf');
  const dirs = ['/usr/share/fonts', '/usr/local/share/fonts', path.join(os.homedir(), '.fonts')].filter((d) =>
    fs.existsSync(d),
  );
  fs.writeFileSync(
    file,
    `<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>${dirs.map((d) => `<dir>${d}</dir>`).join('')}<cachedir>${path.join(os.tmpdir(), 'wangge-fontcache')}</cachedir></fontconfig>`,
  );
  return file;
}
