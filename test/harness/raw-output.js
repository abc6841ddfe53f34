'use strict';
// What a node's own `execute` returns, before n8n's engine touches it. The engine fills in
// `pairedItem: { item: i }` when a node returns as many items as it got, so a node that forgets
// pairedItem still looks paired in the run data; tests of pairing read the node's own answer.
const { loadPackage, addNodeType, PACKAGE_NAME } = require('./engine');

/**
 * Registers a node type that runs our node unchanged and records each output it returns.
 * @param {string} nodeName our node's name, e.g. 'd7Networks'
 * @returns {Promise<{ nodeType: string, outputs: Array<Array<Array<{ json: object, pairedItem: unknown }>>> }>}
 *   `nodeType` to pass to runNode; `outputs` one entry per execute call, newest last
 */
async function recordingNodeType(nodeName) {
	const { nodeTypes } = await loadPackage();
	const original = nodeTypes.getByName(`${PACKAGE_NAME}.${nodeName}`);
	const outputs = [];
	const recording = Object.create(original);
	recording.execute = async function execute() {
		const returned = await original.execute.call(this);
		outputs.push(
			(returned ?? []).map((output) =>
				(output ?? []).map((item) => ({
					json: item.json,
					pairedItem:
						item.pairedItem === undefined ? undefined : JSON.parse(JSON.stringify(item.pairedItem)),
				})),
			),
		);
		return returned;
	};
	const nodeType = `test.recorded-${nodeName}`;
	await addNodeType(nodeType, recording);
	return { nodeType, outputs };
}

module.exports = { recordingNodeType };
