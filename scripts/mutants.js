#!/usr/bin/env node
'use strict';
// `npm run test:mutants`: proves that the tests notice a lost guarantee. Each mutant below is a
// small, realistic bug planted in a scratch copy of the package (one at a time): an exact snippet
// of a named file replaced by another. The copy is rebuilt (TypeScript, incremental) and only the
// test files that guard that guarantee run. A mutant the tests let through "survived", and the
// run fails. A snippet that is no longer in its file also fails the run, loudly: when the code
// changes shape, this list must move with it.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');

/**
 * id: a short name; bug: what the planted bug does, in words; file: where; find: the exact text
 * (it must occur exactly once); replace: what it becomes; tests: the test files that must fail;
 * only: a test-name pattern (jest -t) that narrows them, when the guard is a few tests.
 */
const MUTANTS = [
	{
		id: 'rate-limit-no-wait',
		bug: 'retries a rate-limit refusal (429, TS-1060) at once, without the wait the provider asked for',
		file: 'nodes/shared/call.ts',
		find: '\t\tawait sleep(wait);\n',
		replace: '',
		tests: ['test/waits.test.js'],
		only: 'rate-limit',
	},
	{
		id: 'batch-interval-ignored',
		bug: 'ignores Batch Interval: a sliding window instead of batches that far apart',
		file: 'nodes/shared/itemLoop.ts',
		find: 'if (batchInterval > 0) {',
		replace: 'if (batchInterval < 0) {',
		tests: ['test/waits.test.js'],
		only: 'Batch Interval',
	},
	{
		id: 'batch-interval-no-pause',
		bug: 'runs batches one after the other but without the pause between them',
		file: 'nodes/shared/itemLoop.ts',
		find: 'if (start > 0) await sleep(batchInterval);',
		replace: 'if (start < 0) await sleep(batchInterval);',
		tests: ['test/waits.test.js'],
		only: 'Batch Interval',
	},
	{
		id: 'error-output-lost',
		bug: 'a vendor failure (402, 5xx, timeout) loses the mark that routes it, and lands on the success branch instead of the error output',
		file: 'nodes/shared/itemLoop.ts',
		find: '\t\t\t\tresults[itemIndex] = errorItem(this, itemError, itemIndex, nothingSent);',
		replace:
			'\t\t\t\tresults[itemIndex] = { ...errorItem(this, itemError, itemIndex, nothingSent), error: undefined };',
		tests: ['test/error-output.test.js'],
		only: 'HTTP 402',
	},
	{
		id: 'paired-item-missing',
		bug: "a successful item on the regular output is returned without its pairedItem (n8n's engine fills it in by position, which hides the miss)",
		file: 'nodes/shared/itemLoop.ts',
		find: 'results[itemIndex] = { json, pairedItem: { item: itemIndex } };',
		replace:
			"results[itemIndex] = this.getNode().onError === 'continueErrorOutput' ? { json, pairedItem: { item: itemIndex } } : { json };",
		tests: ['test/reliability/faults.test.js'],
		only: 'HTTP 503 with Continue On Fail',
	},
	{
		id: 'paired-item-missing-on-error-item',
		bug: 'a Continue On Fail error item is returned without its pairedItem',
		file: 'nodes/shared/itemLoop.ts',
		find: 'const item: INodeExecutionData = { json, pairedItem: { item: itemIndex } };',
		replace: 'const item: INodeExecutionData = { json };',
		tests: ['test/reliability/faults.test.js'],
		only: 'HTTP 503 with Continue On Fail',
	},
	{
		id: 'continue-on-fail-ignored',
		bug: 'Continue On Fail is ignored: the first failing item stops the node',
		file: 'nodes/shared/itemLoop.ts',
		find: 'const continueOnFail = this.continueOnFail();',
		replace: 'const continueOnFail = false;',
		tests: ['test/reliability/faults.test.js'],
		only: 'HTTP 503 with Continue On Fail',
	},
	{
		id: 'concurrency-unbounded',
		bug: 'Items per Batch is not a bound: every request starts at once',
		file: 'nodes/shared/itemLoop.ts',
		find: 'Array.from({ length: Math.min(batchSize, pending.length) }, worker)',
		replace: 'Array.from({ length: pending.length }, worker)',
		tests: ['test/batching.test.js'],
		only: 'bounded concurrency',
	},
	{
		id: 'send-retried-after-5xx',
		bug: 'a send answered with a 5xx is retried, so the person may get two codes',
		file: 'nodes/shared/call.ts',
		find: 'return answer.statusCode === 429 ? retryAfterMs(answer) : undefined;',
		replace:
			'return answer.statusCode === 429 || answer.statusCode >= 500 ? (retryAfterMs(answer) ?? 0) : undefined;',
		tests: ['test/batching.test.js', 'test/reliability/faults.test.js'],
		only: 'never retried|HTTP 50[03]: an error in words',
	},
	{
		id: 'rate-limit-retries-unbounded',
		bug: 'a rate-limit refusal is retried without bound',
		file: 'nodes/shared/call.ts',
		find: 'retry >= MAX_RATE_LIMIT_RETRIES || ',
		replace: '',
		tests: ['test/batching.test.js'],
		only: 'rate limits',
	},
	{
		id: 'redirect-followed',
		bug: 'a redirect is followed, taking the key (and the send) to another address',
		file: 'nodes/shared/transport.ts',
		find: 'disableFollowRedirect: true,',
		replace: 'disableFollowRedirect: false,',
		tests: ['test/reliability/faults.test.js'],
		only: 'redirect is not followed',
	},
	{
		id: 'no-timeout',
		bug: "the node's Timeout is not applied to the request",
		file: 'nodes/shared/transport.ts',
		find: 'timeout: timeoutMs,',
		replace: 'timeout: 120_000,',
		tests: ['test/d7Networks.test.js'],
		only: 'does not answer in time',
	},
	{
		id: 'client-words-shown',
		bug: "a connection that failed in an unforeseen way shows the HTTP client's own words instead of ours",
		file: 'nodes/shared/transport.ts',
		find: "return { kind: 'other', what: 'the request could not be completed' };",
		replace:
			"return { kind: 'other', what: said.join(' ') || 'the request could not be completed' };",
		tests: ['test/d7Networks.test.js', 'test/shoutout.test.js', 'test/valify.test.js'],
		only: 'mid-answer',
	},
	{
		id: 'send-said-not-sent',
		bug: 'a send that got no answer is described as if nothing had gone out',
		file: 'nodes/shared/transport.ts',
		find: ': sends\n',
		replace: ': !sends\n',
		tests: ['test/d7Networks.test.js'],
		only: 'is an error in words and the send is not repeated',
	},
	{
		id: 'failed-body-taken-as-sent',
		bug: "an HTTP 200 whose body says it failed (Paynet code, TurkeySMS result false) becomes a 'sent' item",
		file: 'nodes/shared/call.ts',
		find: 'return isSuccessStatus(answer.statusCode) && vendor.saysFailed?.(answer) !== true;',
		replace: 'return isSuccessStatus(answer.statusCode);',
		tests: ['test/paynet.test.js', 'test/turkeySms.test.js'],
		only: 'non-zero code|HTTP 200 with result false',
	},
	{
		id: 'bad-input-sent',
		bug: 'a message template without its code placeholder is sent anyway',
		file: 'nodes/shared/validation.ts',
		find: 'if (!text.includes(placeholder)) {',
		replace: "if (text === '') {",
		tests: ['test/reliability/inputs.test.js'],
		only: 'Content|Message|Text',
	},
	{
		id: 'secret-in-error',
		bug: "the HTTP client's own error (which carries the request and its key) becomes the node's error",
		file: 'nodes/shared/transport.ts',
		find: '{ message: failure.what },',
		replace: 'error as never,',
		tests: ['test/reliability/faults.test.js'],
		only: 'connection reset before the answer: an error in words',
	},
	{
		id: 'oauth-token-in-error',
		bug: "Valify's issued OAuth token is written into an error description",
		file: 'nodes/shared/transport.ts',
		find: "Check the credential's environment or base URL and the provider's status.`,",
		replace:
			"Check the credential's environment or base URL and the provider's status. ${String(credentials.accessToken ?? '')}`,",
		tests: ['test/reliability/faults.test.js'],
		only: 'Valify .*: an error in words',
	},
	{
		id: 'credential-test-crash',
		bug: "Valify's credential test misreads OAuth's error code (upper-cased), so a wrong secret gets a vague message",
		file: 'nodes/Valify/token.ts',
		find: 'const code = firstText(answer.error);',
		replace: 'const code = firstText(String(answer.error).toUpperCase());',
		tests: ['test/credentials.test.js'],
		only: 'fails in words',
	},
	{
		id: 'nothing-sent-on-timeout',
		bug: 'a send that got no answer (timeout, cut connection) is marked nothingSent: true, so a fallback texts the person a second code',
		file: 'nodes/shared/transport.ts',
		find: 'throw withNothingSent(networkError, failure.neverConnected === true);',
		replace: 'throw withNothingSent(networkError, true);',
		tests: ['test/reliability/nothing-sent.test.js'],
		only: 'timeout|connection',
	},
	{
		id: 'nothing-sent-on-5xx',
		bug: 'a 5xx answer to a send is marked nothingSent: true, though the provider may have sent the code before failing',
		file: 'nodes/shared/errors.ts',
		find: 'if (status >= 500) return false;',
		replace: 'if (status >= 500) return true;',
		tests: ['test/reliability/nothing-sent.test.js'],
		only: 'HTTP 5',
	},
	{
		id: 'trigger-signature-skipped',
		bug: 'the TurkeySMS Trigger takes any signature of the right form, so a forged event starts a workflow',
		file: 'nodes/TurkeySmsTrigger/verification.ts',
		find: 'return same ? undefined : {',
		replace: 'return same || true ? undefined : {',
		tests: ['test/turkeySmsTrigger.test.js'],
		only: 'signature',
	},
	{
		id: 'trigger-replay-accepted',
		bug: 'the TurkeySMS Trigger ignores the age of the signed timestamp, so a replayed old event starts a workflow again',
		file: 'nodes/TurkeySmsTrigger/verification.ts',
		find: 'if (ageSeconds > maxAgeSeconds) {',
		replace: 'if (ageSeconds > maxAgeSeconds * 1e9) {',
		tests: ['test/turkeySmsTrigger.test.js'],
		only: 'old|Max Age|replay',
	},
];

const JEST = path.join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js');
// What the tests read (the built package and its sources); node_modules is linked, not copied.
const COPIED = [
	'package.json',
	'tsconfig.json',
	'jest.config.js',
	'nodes',
	'credentials',
	'test',
	'simulators',
	'dist',
];

function occurrences(text, snippet) {
	let count = 0;
	for (let at = text.indexOf(snippet); at !== -1; at = text.indexOf(snippet, at + 1)) count++;
	return count;
}

/** Every snippet must be in its file exactly once, or the list has not moved with the code. */
function checkSnippets() {
	const problems = [];
	for (const mutant of MUTANTS) {
		const file = path.join(ROOT, mutant.file);
		const count = fs.existsSync(file)
			? occurrences(fs.readFileSync(file, 'utf8'), mutant.find)
			: -1;
		if (count === -1) problems.push(`${mutant.id}: ${mutant.file} does not exist`);
		else if (count !== 1)
			problems.push(
				`${mutant.id}: the snippet occurs ${count} times in ${mutant.file} (expected once): ${JSON.stringify(mutant.find)}`,
			);
		for (const test of mutant.tests)
			if (!fs.existsSync(path.join(ROOT, test)))
				problems.push(`${mutant.id}: no test file ${test}`);
	}
	return problems;
}

function run(command, args, cwd) {
	const result = spawnSync(process.execPath, [command, ...args], {
		cwd,
		encoding: 'utf8',
		maxBuffer: 64 * 1024 * 1024,
	});
	return { code: result.status, output: `${result.stdout ?? ''}${result.stderr ?? ''}` };
}

/**
 * Rebuilds the one changed file into the copy's dist/ with TypeScript's own compiler settings, but
 * without type checking: a planted bug may leave an import unused, which is not what it is about.
 */
function build(copy, relativeFile) {
	const ts = require(path.join(ROOT, 'node_modules', 'typescript'));
	const config = ts.readConfigFile(path.join(copy, 'tsconfig.json'), ts.sys.readFile);
	const { options } = ts.convertCompilerOptionsFromJson(config.config.compilerOptions, copy);
	const source = fs.readFileSync(path.join(copy, relativeFile), 'utf8');
	const output = ts.transpileModule(source, {
		compilerOptions: { ...options, sourceMap: false, declaration: false, incremental: false },
		fileName: relativeFile,
		reportDiagnostics: true,
	});
	const problems = (output.diagnostics ?? []).map((diagnostic) =>
		ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'),
	);
	if (problems.length > 0) return { code: 1, output: problems.join('\n') };
	fs.writeFileSync(
		path.join(copy, 'dist', relativeFile.replace(/\.ts$/, '.js')),
		output.outputText,
	);
	return { code: 0, output: '' };
}

/** Runs the given test files in the copy; which ones failed, and the first failing test's name. */
function runTests(copy, mutant) {
	const report = path.join(copy, 'jest-report.json');
	fs.rmSync(report, { force: true });
	const args = [
		'--ci',
		'--silent',
		'--json',
		`--outputFile=${report}`,
		'--testTimeout=15000',
		...mutant.tests,
	];
	if (mutant.only) args.push('-t', mutant.only);
	const { code, output } = run(JEST, args, copy);
	if (!fs.existsSync(report)) return { code, ran: 0, failed: [], output };
	const results = JSON.parse(fs.readFileSync(report, 'utf8'));
	const failed = [];
	for (const file of results.testResults) {
		const test = file.assertionResults.find((assertion) => assertion.status === 'failed');
		if (test || file.status === 'failed') {
			failed.push({
				file: path.relative(copy, file.name),
				test: test ? test.fullName : file.message.split('\n')[0],
			});
		}
	}
	return { code, ran: results.numTotalTests - results.numPendingTests, failed, output };
}

function main() {
	const started = Date.now();
	const problems = checkSnippets();
	if (problems.length > 0) {
		console.error('The list of planted bugs no longer matches the code; move it with the code:');
		for (const problem of problems) console.error(`  ${problem}`);
		process.exit(1);
	}
	if (!fs.existsSync(path.join(ROOT, 'dist', 'nodes'))) {
		console.error('No build in dist/: run `npm run build` first.');
		process.exit(1);
	}

	const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'otp-mutants-'));
	try {
		for (const entry of COPIED)
			fs.cpSync(path.join(ROOT, entry), path.join(copy, entry), { recursive: true });
		fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(copy, 'node_modules'), 'dir');

		// The copy, unchanged and rebuilt as the mutants are, must pass every test the mutants use
		// (one run over all of them); else a kill would mean nothing.
		for (const file of new Set(MUTANTS.map((mutant) => mutant.file))) {
			const rebuilt = build(copy, file);
			if (rebuilt.code !== 0) throw new Error(`${file} does not build:\n${rebuilt.output}`);
		}
		const allTests = [...new Set(MUTANTS.flatMap((mutant) => mutant.tests))];
		const base = runTests(copy, {
			tests: allTests,
			only: MUTANTS.map((mutant) => `(?:${mutant.only})`).join('|'),
		});
		if (base.code !== 0 || base.failed.length > 0 || base.ran === 0) {
			throw new Error(
				`the unchanged copy fails its tests:\n${base.failed.map((failure) => `${failure.file}: ${failure.test}`).join('\n')}\n${base.output.slice(-4000)}`,
			);
		}
		console.log(
			`Unchanged copy: ${base.ran} tests pass in ${allTests.length} files (${((Date.now() - started) / 1000).toFixed(0)} s).`,
		);

		const rows = [];
		for (const mutant of MUTANTS) {
			const mutantStarted = Date.now();
			const file = path.join(copy, mutant.file);
			const original = fs.readFileSync(file, 'utf8');
			fs.writeFileSync(
				file,
				original.replace(mutant.find, () => mutant.replace),
			);
			let row;
			try {
				const compiled = build(copy, mutant.file);
				if (compiled.code !== 0) {
					row = {
						mutant,
						outcome: 'does not compile',
						detail: compiled.output.split('\n').find((line) => line.includes('error')) ?? '',
					};
				} else {
					const result = runTests(copy, mutant);
					if (result.ran === 0)
						row = { mutant, outcome: 'no test ran', detail: result.output.slice(-300) };
					else if (result.failed.length > 0)
						row = {
							mutant,
							outcome: 'killed',
							detail: `${result.failed[0].file}: ${result.failed[0].test}`,
						};
					else
						row = {
							mutant,
							outcome: 'SURVIVED',
							detail: `${result.ran} tests passed with the bug in place`,
						};
				}
			} finally {
				fs.writeFileSync(file, original);
				build(copy, mutant.file);
			}
			row.seconds = (Date.now() - mutantStarted) / 1000;
			rows.push(row);
			console.log(
				`${row.outcome === 'killed' ? 'killed  ' : 'FAILED  '} ${mutant.id} (${row.seconds.toFixed(1)} s): ${row.detail}`,
			);
		}

		console.log('\n| mutant | planted bug | result | first failing test |');
		console.log('| --- | --- | --- | --- |');
		for (const row of rows)
			console.log(
				`| ${row.mutant.id} | ${row.mutant.bug} | ${row.outcome} | ${row.detail.replace(/\|/g, '\\|')} |`,
			);
		const passed = rows.filter((row) => row.outcome === 'killed').length;
		const failed = rows.length - passed;
		console.log(
			`\n${passed} passed, ${failed} failed (a mutant passes when a test kills it) in ${((Date.now() - started) / 1000).toFixed(0)} s`,
		);
		process.exitCode = failed === 0 ? 0 : 1;
	} finally {
		fs.rmSync(copy, { recursive: true, force: true });
	}
}

try {
	main();
} catch (error) {
	console.error(`test:mutants: ${error.message}`);
	process.exit(1);
}
