'use strict';
// Every vendor simulator, by node name, with the credential that points a node at it.
const simulators = {
	d7Networks: {
		create: (options) => require('./d7Networks').createD7Simulator({ apiToken: 'sandbox-d7-token', ...options }),
		credentialType: 'd7NetworksApi',
		credential: (url) => ({ environment: 'custom', baseUrl: url, apiToken: 'sandbox-d7-token' }),
	},
};

module.exports = { simulators };
