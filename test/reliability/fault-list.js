'use strict';
// Every way a vendor can fail, as [name, simulator fault]: the fault tests and the nothingSent
// tests both run each operation against each of them.
const { HTML_502 } = require('../../simulators/vendor-simulator');

const FAULTS = [
	['HTTP 500', { status: 500, body: { message: 'Internal Server Error' } }],
	['HTTP 502 with an HTML page', { status: 502, raw: HTML_502 }],
	['HTTP 503', { status: 503, body: { message: 'Service Unavailable' } }],
	['HTTP 429 without Retry-After', { status: 429, body: { message: 'Too Many Requests' } }],
	[
		'a 200 whose body is not JSON',
		{ status: 200, raw: 'OK, thanks', headers: { 'Content-Type': 'text/plain' } },
	],
	[
		'a 200 with an empty body',
		{ status: 200, raw: '', headers: { 'Content-Type': 'application/json' } },
	],
	['a 200 with an empty object', { status: 200, body: {} }],
	['a 200 with a list', { status: 200, body: [] }],
	['a 200 with detail as text', { status: 200, body: { detail: 'something happened' } }],
	['a 400 with detail as an object', { status: 400, body: { detail: { unexpected: true } } }],
	['a 400 with detail as a list', { status: 400, body: { detail: [1, 'two', { three: 3 }] } }],
	[
		'a 400 with fields of the wrong type',
		{
			status: 400,
			body: { message: { nested: ['x'] }, code: { no: 1 }, result_code: [], statusCode: {} },
		},
	],
	['a 422 with no fields at all', { status: 422, body: {} }],
	['a connection reset before the answer', { drop: 'before' }],
	['a connection cut after the headers', { drop: 'after-headers' }],
	['no answer before the timeout', { drop: 'hang' }],
];

module.exports = { FAULTS };
