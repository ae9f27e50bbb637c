import { chromium, type Browser, type Page } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';
import { E2E_BLUEPRINT, REPO_ROOT, startStack, type Stack } from './stack';

/** Debian's Chromium; Playwright's own browser downloads are not used (README, "Tests"). */
const CHROMIUM = process.env.RDE_CHROMIUM ?? '/usr/bin/chromium';
const SCREENSHOTS = path.join(REPO_ROOT, 'packages/e2e-tests/screenshots');

/** Clicks into the open terminal, types `command` and waits until `expected` is on screen. */
async function runInTerminal(page: Page, command: string, expected: string) {
  await page
    .locator('[data-testid=rde-terminal][data-status=open]')
    .waitFor({ timeout: 60_000 });
  await page.getByTestId('rde-terminal').click();
  await page.keyboard.type(`${command}\n`);
  await page
    .locator('[data-testid=rde-terminal] .xterm-rows')
    .filter({ hasText: expected })
    .waitFor({ timeout: 15_000 });
}

/**
 * The demo as a person uses it, in headless Chromium: sign in as guest, create a workspace from
 * the demo blueprint, open its terminal, type a command, see its output. The backend serves the
 * production build of packages/app (scripts/test.sh builds it first).
 */
describe('the demo in a browser', () => {
  let stack: Stack;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    if (!fs.existsSync(path.join(REPO_ROOT, 'packages/app/dist/index.html'))) {
      throw new Error(
        'packages/app/dist is missing: run `yarn workspace app build` (scripts/test.sh does)',
      );
    }
    stack = await startStack();
    await stack.startAgent();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
      ],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  /** Runs `steps`; on failure saves `<name>.png` and adds the stack's output to the error. */
  async function withFailureScreenshot(
    name: string,
    steps: () => Promise<void>,
  ) {
    try {
      await steps();
    } catch (error) {
      await page
        .screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) })
        .catch(() => {});
      throw new Error(
        `${(error as Error).message}\n--- stack output ---\n${stack
          .output()
          .slice(-4000)}`,
      );
    }
  }

  it('creates a workspace and runs a command in its terminal', async () => {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    await withFailureScreenshot('failure', async () => {
      await page.goto(stack.baseUrl);
      await page
        .getByRole('button', { name: 'Enter' })
        .click({ timeout: 60_000 });
      await page.getByTestId('rde-new-workspace').click({ timeout: 30_000 });
      await page.getByTestId(`rde-blueprint-${E2E_BLUEPRINT}`).click();
      await page.getByTestId('rde-workspace-name').fill('browser-test');
      await page.getByTestId('rde-create-workspace').click();
      await page
        .getByTestId('rde-status-browser-test')
        .filter({ hasText: 'running' })
        .waitFor({ timeout: 30_000 });
      await page.getByTestId('rde-open-browser-test').click();
      await runInTerminal(page, 'echo browser-$((6*7)) €', 'browser-42 €');
      await page.screenshot({ path: path.join(SCREENSHOTS, 'terminal.png') });
      // The gallery and quota on My workspaces, as a person sees them.
      await page.goto(`${stack.baseUrl}/rde`);
      await page.getByTestId('rde-gallery').waitFor({ timeout: 30_000 });
      await page.getByTestId('rde-quota').waitFor({ timeout: 30_000 });
      expect(await page.getByTestId('rde-quota').textContent()).toMatch(
        /1 of \d+ running/,
      );
      await page.screenshot({
        path: path.join(SCREENSHOTS, 'workspaces.png'),
        fullPage: true,
      });
    });
  }, 180_000);

  it("launches a workspace from the blueprint's catalog page and reaches its terminal", async () => {
    await withFailureScreenshot('failure-catalog', async () => {
      await page.goto(
        `${stack.baseUrl}/catalog/default/template/${E2E_BLUEPRINT}`,
      );
      await page.getByTestId('rde-entity-launch').click({ timeout: 60_000 });
      await page.getByTestId('rde-workspace-name').fill('from-catalog');
      await page.screenshot({
        path: path.join(SCREENSHOTS, 'catalog-launch.png'),
      });
      await page.getByTestId('rde-create-workspace').click();
      // The card takes the user to the new workspace's page.
      await page.waitForURL(/\/rde\/workspaces\/[0-9a-f-]{36}/, {
        timeout: 30_000,
      });
      await runInTerminal(page, 'echo catalog-$((6*7))', 'catalog-42');
      const { body } = await stack.api('GET', '/workspaces');
      expect(body.items.map((w: any) => w.name)).toContain('from-catalog');
      // An admin reads every blueprint template, even one whose ACL does not match them (the
      // counterpart of catalog.test.ts, where an ordinary user cannot).
      const restricted = await fetch(
        `${stack.baseUrl}/api/catalog/entities/by-name/template/default/restricted-lab`,
        { headers: { Authorization: `Bearer ${await stack.guestToken()}` } },
      );
      expect(restricted.status).toBe(200);
      await page.screenshot({
        path: path.join(SCREENSHOTS, 'catalog-terminal.png'),
      });

      // Admin → Workspaces lists both, with counters.
      await page.goto(`${stack.baseUrl}/rde/admin`);
      await page
        .getByTestId('rde-admin-count-running')
        .filter({ hasText: '2' })
        .waitFor({ timeout: 30_000 });
      await page.screenshot({
        path: path.join(SCREENSHOTS, 'admin.png'),
        fullPage: true,
      });
    });
  }, 180_000);
});
