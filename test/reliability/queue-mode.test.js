// Queue mode: n8n runs many workers, each loading our modules once. Module-level mutable state
// would leak between executions (and differ between workers), so none is allowed: this reads
// every source file under nodes/ and credentials/ with the TypeScript compiler and fails on a
// top-level `let`/`var`, a top-level `new …` (Map, Set, caches…), a static class field that is
// not readonly, or any assignment to or mutating call on a top-level binding.
const fs = require('node:fs');
const path = require('node:path');
const ts = require('typescript');

const ROOT = path.resolve(__dirname, '..', '..');
const MUTATING_METHODS = new Set([
	'push',
	'pop',
	'shift',
	'unshift',
	'splice',
	'sort',
	'reverse',
	'fill',
	'set',
	'add',
	'delete',
	'clear',
	'assign',
	'defineProperty',
]);

function sourceFiles(dir) {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) return sourceFiles(full);
		return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [full] : [];
	});
}

function rootName(expression) {
	let current = expression;
	while (
		ts.isPropertyAccessExpression(current) ||
		ts.isElementAccessExpression(current) ||
		ts.isParenthesizedExpression(current)
	) {
		current = current.expression;
	}
	return ts.isIdentifier(current) ? current.text : undefined;
}

function problemsIn(file) {
	const source = ts.createSourceFile(
		file,
		fs.readFileSync(file, 'utf8'),
		ts.ScriptTarget.ES2019,
		true,
	);
	const problems = [];
	const topLevel = new Set();
	const where = (node) =>
		`${path.relative(ROOT, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;

	for (const statement of source.statements) {
		if (ts.isVariableStatement(statement)) {
			const isConst = (statement.declarationList.flags & ts.NodeFlags.Const) !== 0;
			for (const declaration of statement.declarationList.declarations) {
				if (ts.isIdentifier(declaration.name)) topLevel.add(declaration.name.text);
				if (!isConst) problems.push(`${where(statement)} top-level let/var`);
				if (declaration.initializer && ts.isNewExpression(declaration.initializer)) {
					problems.push(
						`${where(declaration)} top-level new ${declaration.initializer.expression.getText(source)}`,
					);
				}
			}
		}
		if (ts.isClassDeclaration(statement)) {
			for (const member of statement.members) {
				const modifiers = ts.getModifiers?.(member) ?? member.modifiers ?? [];
				const isStatic = modifiers.some(
					(modifier) => modifier.kind === ts.SyntaxKind.StaticKeyword,
				);
				const isReadonly = modifiers.some(
					(modifier) => modifier.kind === ts.SyntaxKind.ReadonlyKeyword,
				);
				if (isStatic && ts.isPropertyDeclaration(member) && !isReadonly)
					problems.push(`${where(member)} static mutable class field`);
			}
		}
	}

	const visit = (node) => {
		if (
			ts.isBinaryExpression(node) &&
			node.operatorToken.kind >= ts.SyntaxKind.FirstAssignment &&
			node.operatorToken.kind <= ts.SyntaxKind.LastAssignment
		) {
			const name = rootName(node.left);
			if (name && topLevel.has(name))
				problems.push(`${where(node)} assignment to top-level ${name}`);
		}
		if (
			(ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) &&
			[ts.SyntaxKind.PlusPlusToken, ts.SyntaxKind.MinusMinusToken].includes(node.operator)
		) {
			const name = rootName(node.operand);
			if (name && topLevel.has(name))
				problems.push(`${where(node)} increment of top-level ${name}`);
		}
		if (
			ts.isCallExpression(node) &&
			ts.isPropertyAccessExpression(node.expression) &&
			MUTATING_METHODS.has(node.expression.name.text)
		) {
			const name = rootName(node.expression.expression);
			if (name && topLevel.has(name))
				problems.push(`${where(node)} ${node.expression.name.text}() on top-level ${name}`);
			// Object.assign(topLevel, …) and the like
			if (
				name === 'Object' &&
				node.arguments[0] &&
				topLevel.has(rootName(node.arguments[0]) ?? '')
			) {
				problems.push(
					`${where(node)} Object.${node.expression.name.text}() on a top-level binding`,
				);
			}
		}
		ts.forEachChild(node, visit);
	};
	visit(source);
	return problems;
}

const files = [
	...sourceFiles(path.join(ROOT, 'nodes')),
	...sourceFiles(path.join(ROOT, 'credentials')),
];

test('there are node and credential sources to check', () => {
	expect(files.length).toBeGreaterThan(20);
});

test.each(files.map((file) => [path.relative(ROOT, file), file]))(
	'%s keeps no module-level mutable state',
	(_name, file) => {
		expect(problemsIn(file)).toEqual([]);
	},
);

test('the checker does catch module-level state', () => {
	const probe = path.join(require('node:os').tmpdir(), 'otp-queue-mode-probe.ts');
	fs.writeFileSync(
		probe,
		[
			'let counter = 0;',
			'const cache = new Map();',
			'const seen: string[] = [];',
			'export function f() { counter++; seen.push("x"); }',
			'class A { static hits = 0; }',
			'export { A, cache };',
		].join('\n'),
	);
	const problems = problemsIn(probe);
	fs.rmSync(probe);
	expect(problems.join('\n')).toMatch(/top-level let\/var/);
	expect(problems.join('\n')).toMatch(/top-level new Map/);
	expect(problems.join('\n')).toMatch(/increment of top-level counter/);
	expect(problems.join('\n')).toMatch(/push\(\) on top-level seen/);
	expect(problems.join('\n')).toMatch(/static mutable class field/);
});
