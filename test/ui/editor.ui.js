'use strict';
/**
 * The n8n editor, driven in a real browser as a person would use it: `npm run test:ui`.
 *
 * Brings up what `npm start` brings up (real n8n with this package installed, the vendor sandbox,
 * the sandbox credentials and demo workflows) on free ports in a temporary folder, and drives it
 * with the machine's Chromium (/usr/bin/chromium, Debian package `chromium`; OTP_CHROMIUM picks
 * another) through playwright-core. Each step saves a screenshot to .cache/ui-screenshots/
 * (under .cache, so `n8n-node build`, which copies every PNG of the tree into dist/, never packs one).
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { chromium, selectors } = require('playwright-core');
const kit = require('../../scripts/sandbox-kit');
const { startN8n } = require('./n8n-start');

const SCREENSHOTS = path.join(kit.PROJECT_ROOT, '.cache', 'ui-screenshots');
const CHROMIUM = process.env.OTP_CHROMIUM || '/usr/bin/chromium';
const log = (line) => process.stderr.write(`[ui] ${line}\n`);

/** The package's nodes as the editor lists them: display name, name and actions (from dist/). */
function packageNodes() {
	const pkg = require(path.join(kit.PROJECT_ROOT, 'package.json'));
	return pkg.n8n.nodes.map((file) => {
		const exported = require(path.join(kit.PROJECT_ROOT, file));
		const NodeClass = Object.values(exported)[0];
		const { description } = new NodeClass();
		const operation = description.properties.find((property) => property.name === 'operation');
		const actions = operation
			? operation.options.map((option) => option.action || option.name)
			: [];
		return { displayName: description.displayName, name: description.name, actions };
	});
}

/**
 * The entries the nodes panel lists for the package: n8n shows a trigger named "<X> Trigger" inside
 * the entry of its node "<X>" (its triggers and actions in one panel), so it has no entry of its own.
 */
function panelEntries(nodes) {
	const names = new Set(nodes.map((node) => node.displayName));
	return nodes.filter(
		(node) =>
			!(
				node.displayName.endsWith(' Trigger') &&
				names.has(node.displayName.slice(0, -' Trigger'.length))
			),
	);
}

let n8n;
let browser;
let page;
let userDataDir;
let stepNumber = 0;
/** Every body n8n's REST API sent to the browser, to look for secrets in. */
const restBodies = [];

/** Runs one step of a test and saves a screenshot of the page after it, also when it fails. */
async function step(title, fn) {
	stepNumber++;
	const file = path.join(
		SCREENSHOTS,
		`${String(stepNumber).padStart(2, '0')}-${title.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`,
	);
	try {
		await fn();
		await page.screenshot({ path: `${file}.png` });
	} catch (error) {
		await page.screenshot({ path: `${file}-FAILED.png` }).catch(() => {});
		error.message = `step "${title}" (screenshot ${path.relative(kit.PROJECT_ROOT, file)}-FAILED.png): ${error.message}`;
		throw error;
	}
}

/**
 * Clicks where a person's click would land: the middle of the element as it shows, on whatever is
 * on top there (so an overlay covering it takes the click, as it would for a person).
 */
async function click(locator) {
	await locator.waitFor({ state: 'visible' });
	await locator.scrollIntoViewIfNeeded();
	const box = await locator.boundingBox();
	await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
}

/** The visible option of an open dropdown (Element Plus renders it at the end of the page). */
const dropdownOption = (text) =>
	page
		.locator('.el-select-dropdown__item:visible, .el-dropdown-menu__item:visible')
		.filter({ hasText: text })
		.first();

async function logIn() {
	await page.goto(`${n8n.baseUrl}/signin`);
	await page.locator('#emailOrLdapLoginId').fill(n8n.login.email);
	await page.locator('#password').fill(n8n.login.password);
	await click(page.getByTestId('form-submit-button'));
	await page.waitForURL((url) => !url.pathname.includes('signin'));
}

beforeAll(async () => {
	fs.rmSync(SCREENSHOTS, { recursive: true, force: true });
	fs.mkdirSync(SCREENSHOTS, { recursive: true });
	if (!fs.existsSync(CHROMIUM))
		throw new Error(
			`no Chromium at ${CHROMIUM}: install it (apt-get install -y chromium) or set OTP_CHROMIUM`,
		);
	const t = Date.now();
	n8n = await startN8n({ log: (line) => log(`npm start: ${line}`) });
	log(`n8n up at ${n8n.baseUrl} in ${((Date.now() - t) / 1000).toFixed(1)} s`);
	userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'otp-ui-chromium-'));
	selectors.setTestIdAttribute('data-test-id');
	const context = await chromium.launchPersistentContext(userDataDir, {
		executablePath: CHROMIUM,
		headless: true,
		args: [
			'--headless',
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
		],
		viewport: { width: 1440, height: 900 },
	});
	browser = context;
	page = context.pages()[0] || (await context.newPage());
	page.setDefaultTimeout(30000);
	page.on('response', async (response) => {
		if (!response.url().includes('/rest/')) return;
		try {
			restBodies.push({ url: response.url(), body: await response.text() });
		} catch {
			/* a redirect or an aborted request has no body */
		}
	});
	await logIn();
});

afterAll(async () => {
	if (browser) await browser.close().catch(() => {});
	if (n8n) await n8n.stop();
	if (userDataDir) fs.rmSync(userDataDir, { recursive: true, force: true });
	log(`screenshots in ${path.relative(kit.PROJECT_ROOT, SCREENSHOTS)}`);
});

describe('the nodes panel', () => {
	const nodes = packageNodes();

	test(`searching "OTP" finds every node of the package (${nodes.map((node) => node.displayName).join(', ')})`, async () => {
		await step('search OTP in the nodes panel', async () => {
			await page.goto(`${n8n.baseUrl}/workflow/new`);
			await click(page.getByTestId('canvas-add-button'));
			await page.getByTestId('node-creator-search-bar').fill('OTP');
			const items = page.getByTestId('node-creator').getByTestId('item-iterator-item');
			await items.filter({ hasText: nodes[0].displayName }).first().waitFor();
			const names = await page
				.getByTestId('node-creator')
				.getByTestId('node-creator-item-name')
				.allInnerTexts();
			for (const node of panelEntries(nodes))
				expect(names.map((name) => name.trim())).toContain(node.displayName);
		});
	});

	test('TurkeySMS shows its actions; choosing one adds the node and opens its parameters', async () => {
		const turkeySms = nodes.find((node) => node.name === 'turkeySms');
		await step('TurkeySMS actions', async () => {
			const item = page
				.getByTestId('node-creator')
				.getByTestId('item-iterator-item')
				.filter({
					has: page
						.getByTestId('node-creator-item-name')
						.getByText(turkeySms.displayName, { exact: true }),
				});
			await click(item.first());
			// With the TurkeySMS Trigger in the package, a new workflow's panel opens TurkeySMS on its
			// triggers with the Actions category folded: a person unfolds it.
			const firstAction = page
				.getByTestId('node-creator')
				.getByTestId('item-iterator-item')
				.filter({ hasText: turkeySms.actions[0] })
				.first();
			const actionsCategory = page
				.getByTestId('node-creator')
				.getByTestId('node-creator-category-item')
				.filter({ hasText: /^\s*Actions\b/ });
			await Promise.race([firstAction.waitFor(), actionsCategory.first().waitFor()]);
			if (!(await firstAction.isVisible())) await click(actionsCategory.first());
			await firstAction.waitFor();
			if (nodes.some((node) => node.displayName === `${turkeySms.displayName} Trigger`)) {
				// The trigger is found through the same entry, under its Triggers category.
				await page
					.getByTestId('node-creator')
					.getByTestId('node-creator-category-item')
					.filter({ hasText: /^\s*Triggers\b/ })
					.first()
					.waitFor();
			}
			const shown = (
				await page.getByTestId('node-creator').getByTestId('item-iterator-item').allInnerTexts()
			).map((text) => text.trim());
			for (const action of turkeySms.actions) expect(shown).toContain(action);
		});
		await step('TurkeySMS node parameters', async () => {
			await click(
				page
					.getByTestId('node-creator')
					.getByTestId('item-iterator-item')
					.filter({ has: page.getByText(turkeySms.actions[0], { exact: true }) })
					.first(),
			);
			await page.getByTestId('ndv').waitFor();
			await page.getByTestId('node-parameters').waitFor();
			await page.getByTestId('parameter-input-mobile').waitFor();
			await page.getByTestId('parameter-input-operation').waitFor();
		});
	});
});

describe('the credential modal (TurkeySMS API, Environment Custom, the sandbox URL)', () => {
	const secret = kit.vendors().turkeySms.credential('').apiKey;
	const wrongSecret = 'wrong-turkeysms-key-in-the-ui';

	/** From the open node's Credential field: Create new credential, Environment Custom, URL and key, Save. */
	async function createCredential(apiKey) {
		await click(page.getByTestId('node-credentials-select'));
		await click(page.getByTestId('node-credentials-select-item-new'));
		const modal = page.getByTestId('credential-edit-dialog');
		await modal.waitFor();
		await click(modal.getByTestId('parameter-input-environment'));
		await click(dropdownOption('Custom'));
		await modal
			.getByTestId('parameter-input-baseUrl')
			.locator('input')
			.fill(n8n.sandboxUrls.turkeySms);
		await modal.getByTestId('parameter-input-apiKey').locator('input').fill(apiKey);
		await click(page.getByTestId('credential-save-button'));
		return modal;
	}

	async function closeModal(modal) {
		await click(
			page
				.locator('.el-dialog:visible .el-dialog__headerbtn, .el-dialog:visible .el-dialog__close')
				.first(),
		);
		await modal.waitFor({ state: 'hidden' });
	}

	test('the right key: "Connection tested successfully", and the key is never shown back', async () => {
		let modal;
		await step('credential with the right key', async () => {
			modal = await createCredential(secret);
			// Saved from a node, a credential that passes its test closes its modal; opened again
			// (the pencil beside the Credential field), n8n tests it once more and shows the result.
			await modal.waitFor({ state: 'hidden', timeout: 60000 });
			await click(page.getByTestId('credential-edit-button'));
			await modal
				.getByTestId('credentials-config-container-test-success')
				.waitFor({ timeout: 60000 });
			expect(await modal.getByText('Connection tested successfully').isVisible()).toBe(true);
		});
		await step('saved credential does not show the key', async () => {
			const value = await modal.getByTestId('parameter-input-apiKey').locator('input').inputValue();
			expect(value).not.toContain(secret);
			expect(await page.locator('body').innerText()).not.toContain(secret);
			await closeModal(modal);
		});
	});

	test('a wrong key: the test fails and says why', async () => {
		await step('credential with a wrong key', async () => {
			const modal = await createCredential(wrongSecret);
			await modal.getByText('Couldn’t connect with these settings').waitFor({ timeout: 60000 });
			await click(modal.getByText('More details'));
			await page
				.getByText(/TurkeySMS refused the API key/)
				.first()
				.waitFor();
			expect(await modal.getByTestId('credentials-config-container-test-success').isVisible()).toBe(
				false,
			);
			await closeModal(modal);
		});
	});

	test("n8n's API never sent a key to the browser", () => {
		const leaks = restBodies
			.filter(({ body }) => body.includes(secret) || body.includes(wrongSecret))
			.map(({ url }) => url);
		expect(leaks).toEqual([]);
	});
});

describe('sandbox demos: Execute workflow, every node runs, the IF takes its true branch', () => {
	const demos = Object.keys(kit.vendors())
		.map((name) => ({ name, file: path.join(kit.SANDBOX_EXAMPLES_DIR, `${name}.json`) }))
		.filter(({ file }) => fs.existsSync(file))
		.map(({ name, file }) => ({
			name,
			workflow: kit.prepareWorkflow(JSON.parse(fs.readFileSync(file, 'utf8')), {
				id: kit.ids.demoWorkflow(name),
			}),
		}));

	/** Nodes that only a second output (an IF's false branch, an error output) leads to: these must not run. */
	function notTaken(workflow) {
		const byFirst = new Set();
		const byOther = new Set();
		for (const outputs of Object.values(workflow.connections)) {
			(outputs.main || []).forEach((targets, index) => {
				for (const target of targets || []) (index === 0 ? byFirst : byOther).add(target.node);
			});
		}
		return [...byOther].filter((name) => !byFirst.has(name));
	}

	test.each(demos.map((demo) => [demo.name, demo]))('%s', async (name, { workflow }) => {
		const skipped = notTaken(workflow);
		const shouldRun = workflow.nodes
			.filter((node) => node.type !== 'n8n-nodes-base.stickyNote' && !skipped.includes(node.name))
			.map((node) => node.name);
		await step(`${name} demo executed`, async () => {
			await page.goto(`${n8n.baseUrl}/workflow/${workflow.id}`);
			await page.getByTestId('canvas-node').first().waitFor();
			await click(page.getByTestId('execute-workflow-button'));
			const canvasNode = (nodeName) =>
				page.locator(
					`[data-test-id="canvas-node"][data-node-name="${nodeName.replace(/"/g, '\\"')}"]`,
				);
			for (const nodeName of shouldRun)
				await canvasNode(nodeName)
					.getByTestId('canvas-node-status-success')
					.waitFor({ timeout: 60000 });
			for (const nodeName of skipped)
				expect(await canvasNode(nodeName).getByTestId('canvas-node-status-success').count()).toBe(
					0,
				);
		});
		const verify = workflow.nodes.find(
			(node) =>
				node.type.startsWith(`${kit.PACKAGE_NAME}.`) && node.parameters.operation === 'verify',
		);
		if (!verify) return;
		await step(`${name} Verify node output`, async () => {
			const canvasNode = page.locator(
				`[data-test-id="canvas-node"][data-node-name="${verify.name.replace(/"/g, '\\"')}"]`,
			);
			await canvasNode.dblclick();
			const output = page.getByTestId('output-panel');
			await output.waitFor();
			await click(output.getByTestId('radio-button-json'));
			await output.getByText('"verified": true').first().waitFor();
			await click(page.getByTestId('ndv-close-button'));
		});
	});
});
