// The README's Guarantees table counts the operations its tests cover; the count, the fault
// matrix's table (test/reliability/vendors.js) and the nodes' own operations must agree, so a new
// operation cannot slip past the fault matrix unnoticed.
const fs = require('node:fs');
const path = require('node:path');
const { loadPackage, PACKAGE_NAME } = require('./harness/engine');
const { vendors } = require('./reliability/vendors');

const README = fs.readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8');
const GUARANTEES = README.slice(
	README.indexOf('## Guarantees'),
	README.indexOf('\n## ', README.indexOf('## Guarantees') + 1),
);

test('the fault matrix lists every operation of every node', async () => {
	const { nodeTypes } = await loadPackage();
	for (const vendor of vendors) {
		const { description } = nodeTypes.getByName(`${PACKAGE_NAME}.${vendor.node}`);
		const operation = description.properties.find((property) => property.name === 'operation');
		const offered = operation.options.map((option) => option.value).sort();
		expect([vendor.node, vendor.operations.map((spec) => spec.operation).sort()]).toEqual([
			vendor.node,
			offered,
		]);
	}
});

test("the Guarantees table's operation counts match the fault matrix", () => {
	const operations = vendors.reduce((count, vendor) => count + vendor.operations.length, 0);
	const counts = [...GUARANTEES.matchAll(/(\d+) operations/g)].map((match) => Number(match[1]));
	expect(counts.length).toBeGreaterThan(0);
	for (const count of counts) expect(count).toBe(operations);
});
