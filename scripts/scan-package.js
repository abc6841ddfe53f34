#!/usr/bin/env node
'use strict';

/**
 * scan-package: n8n's own community-package scanner (@n8n/scan-community-package), run the way
 * n8n's verification runs it, on this working tree instead of a published version.
 *
 * n8n's verification (`analyzePackageByName`) checks the npm provenance, downloads the attested
 * source and the published tarball, then calls `analyzePackage` twice: on the source with
 * SOURCE_FILE_PATTERNS (package.json, nodes/, credentials/) and on the unpacked tarball with
 * every .js file and package.json. The provenance and download steps need the network and a
 * published version, so this script skips them and feeds the same `analyzePackage` the working
 * tree and a tarball it packs itself (`npm run build`, then `npm pack`).
 *
 * n8n's verdict fails on errors only, and the scanner ignores eslint-disable comments. This
 * script is stricter: a warning fails too, unless the code carries an eslint-disable comment for
 * that rule with a reason after `--` (the reason is printed, so it stays visible).
 *
 *   node scripts/scan-package.js     exit 0 when both legs have zero findings
 */

const childProcess = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const TARBALL_FILE_PATTERNS = ['**/*.js', 'package.json'];

function run(command, args, options = {}) {
	const result = childProcess.spawnSync(command, args, { cwd: root, encoding: 'utf8', ...options });
	if (result.status !== 0) {
		throw new Error(
			`${command} ${args.join(' ')} failed:\n${result.stdout ?? ''}${result.stderr ?? ''}`,
		);
	}
	return result.stdout;
}

/** Builds the package and unpacks `npm pack`'s tarball into a new folder, as n8n unpacks it. */
function packTarball(workDir) {
	run('npm', ['run', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });
	const packed = JSON.parse(
		run('npm', ['pack', '--json', '--dry-run=false', '--pack-destination', workDir]),
	);
	const tarball = path.join(workDir, packed[0].filename);
	const packageDir = path.join(workDir, 'package');
	fs.mkdirSync(packageDir);
	run('tar', ['-xzf', tarball, '-C', packageDir, '--strip-components=1']);
	return packageDir;
}

/** The scanner's own rules with eslint-disable comments honoured: what is left, and what they excuse. */
async function strictFindings(scanner, directory, patterns) {
	const { ESLint } = require('eslint');
	const glob = require('fast-glob');
	const eslint = new ESLint({
		cwd: directory,
		allowInlineConfig: true,
		overrideConfigFile: true,
		overrideConfig: await scanner.buildScanConfig(),
	});
	const files = glob.sync(patterns, {
		cwd: directory,
		absolute: true,
		ignore: ['node_modules/**', '**/package-lock.json'],
	});
	const findings = [];
	const excused = [];
	for (const result of await eslint.lintFiles(files)) {
		const file = path.relative(directory, result.filePath);
		for (const message of result.messages) {
			findings.push(
				`${file}:${message.line}:${message.column} ${message.ruleId ?? ''} ${message.message}`,
			);
		}
		for (const message of result.suppressedMessages ?? []) {
			const reasons = message.suppressions
				.map((suppression) => suppression.justification)
				.filter(Boolean);
			const where = `${file}:${message.line} ${message.ruleId}`;
			if (message.severity === 2 || reasons.length === 0) {
				findings.push(`${where} ${message.message} (disabled without a reason, or an error)`);
			} else {
				excused.push(`${where}: ${reasons.join('; ')}`);
			}
		}
	}
	return { files: files.length, findings, excused };
}

async function scanLeg(scanner, label, directory, patterns) {
	const verdict = await scanner.analyzePackage(directory, patterns);
	const strict = await strictFindings(scanner, directory, patterns);
	const passed = verdict.passed && strict.findings.length === 0 && strict.files > 0;
	console.log(
		`${passed ? 'ok  ' : 'FAIL'} ${label}: ${strict.files} files, ${strict.findings.length} findings`,
	);
	if (!verdict.passed) console.log(`  n8n's verdict: ${verdict.message}\n${verdict.details ?? ''}`);
	if (strict.files === 0) console.log('  no files found to scan');
	for (const finding of strict.findings) console.log(`  ${finding}`);
	for (const line of strict.excused) console.log(`  excused in the code: ${line}`);
	return passed;
}

async function main() {
	const scannerPath = require.resolve('@n8n/scan-community-package/scanner/scanner.mjs');
	// The scanner makes a temporary folder when it loads; its own copy of `tmp` removes it at exit
	// only when asked to.
	require('node:module').createRequire(scannerPath)('tmp').setGracefulCleanup();
	const scanner = await import(scannerPath);
	const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'otp-scan-'));
	try {
		const sourcePassed = await scanLeg(scanner, 'source', root, scanner.SOURCE_FILE_PATTERNS);
		const tarballPassed = await scanLeg(
			scanner,
			'packed tarball',
			packTarball(workDir),
			TARBALL_FILE_PATTERNS,
		);
		if (!sourcePassed || !tarballPassed) process.exitCode = 1;
	} finally {
		fs.rmSync(workDir, { recursive: true, force: true });
	}
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
