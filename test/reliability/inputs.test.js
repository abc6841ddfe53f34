// Property-based bad-input tests (fast-check): whatever a person or an expression puts in a
// phone, code, template or number field, the node either sends the vendor's exact format or
// answers with a bad-input error naming the field, and sends nothing for that item. Never a
// TypeError, never a request for a refused item, never a secret in what it shows.
const fc = require('fast-check');
const { runNode, everythingShown } = require('../harness/engine');
const { vendors, expectNoSecretShown } = require('./vendors');

const byNode = Object.fromEntries(vendors.map((vendor) => [vendor.node, vendor]));

/** Values people and expressions produce, valid and hostile alike. */
const digitString = (min, max) =>
	fc.stringOf(fc.constantFrom(...'0123456789'), { minLength: min, maxLength: max });
const separator = fc.constantFrom('', ' ', '-', '.', '(', ')', ' - ', '\u00a0');
const phoneLike = fc
	.tuple(
		fc.constantFrom(
			'',
			'+',
			'00',
			'+00',
			'0',
			'++',
			'+ ',
			'0090',
			'+90',
			'+20',
			'0020',
			'+94',
			'0094',
			'+971',
			'05',
			'01',
			'5',
		),
		fc.array(fc.tuple(separator, digitString(1, 4)), { maxLength: 6 }),
	)
	.map(([prefix, parts]) => prefix + parts.map(([sep, digits]) => sep + digits).join(''));
const hostile = fc.oneof(
	fc.string(),
	fc.fullUnicodeString({ maxLength: 30 }),
	fc.constantFrom(
		'٠١٢٣٤٥٦٧٨٩',
		'０５３２４８１８９４２',
		'+９０５３２４８１８９４２',
		'📱+905324818942',
		'   ',
		'\t\n',
		'+',
		'00',
		'0',
		'-',
		'()',
		'9'.repeat(16),
		'null',
		'undefined',
		'{{code}}',
		'[object Object]',
	),
	fc.constant('5'.repeat(10 * 1024)),
	fc.integer({ min: -1e12, max: 1e13 }),
	fc.double({ noNaN: false }),
	fc.constantFrom(
		null,
		true,
		false,
		{},
		[],
		{ phone: '+905324818942' },
		['+905324818942'],
		905324818942,
		5324818942,
		1.5,
		-905324818942,
	),
);
const anyValue = fc.oneof(phoneLike, phoneLike, hostile);

/**
 * Runs one node over many values at once (each value one item, Continue On Fail), then checks
 * every item: refused in words naming the field, or sent in the vendor's exact format.
 */
async function checkValues({
	vendor,
	parameters,
	field,
	label,
	values,
	sentValue,
	format,
	path,
	vendorRefusals = [],
}) {
	const items = values.map((value) => ({ value }));
	const result = await runNode({
		nodeType: vendor.node,
		parameters: { resource: 'otp', ...parameters, [field]: '={{ $json.value }}' },
		credentials: vendor.credentials(vendor.url, vendor.secrets),
		items,
		onError: 'continueRegularOutput',
	});
	expect(result.error).toBeUndefined();
	expect(result.items).toHaveLength(values.length);
	let accepted = 0;
	result.items.forEach((item, index) => {
		expect(item.pairedItem).toEqual({ item: index });
		if (item.json.error !== undefined) {
			// A refusal must be ours, in words: never a TypeError or the engine's own failure. The
			// vendor's own refusal of a value that was sent is one of the answers the case expects.
			if (String(item.json.error).startsWith(`${vendor.displayName}: `)) {
				expect(vendorRefusals).toContain(item.json.error);
			} else {
				expect(item.json.error).toMatch(new RegExp(`^${label} .* is not valid: `, 's'));
			}
		} else {
			accepted++;
		}
	});
	const requests = vendor.simulator_.requestsTo(path);
	const sent = requests.map(sentValue);
	for (const value of sent) expect(value).toMatch(format);
	// Exactly one request per accepted item, none for refused ones.
	const refusedByUs = result.items.filter(
		(item) =>
			item.json.error !== undefined &&
			!String(item.json.error).startsWith(`${vendor.displayName}: `),
	).length;
	expect(requests).toHaveLength(values.length - refusedByUs);
	expect(accepted).toBeLessThanOrEqual(requests.length);
	expectNoSecretShown(everythingShown(result), vendor, vendor.simulator_);
}

const cases = [
	{
		node: 'd7Networks',
		label: 'Recipient',
		field: 'recipient',
		parameters: { operation: 'send', messageType: 'content', content: 'Code {}' },
		path: '/verify/v1/otp/send-otp',
		sentValue: (request) => request.body.recipient,
		format: /^\+[1-9][0-9]{7,14}$/,
	},
	{
		node: 'paynet',
		label: 'User GSM',
		field: 'userGsm',
		parameters: { operation: 'send', otpSessionId: 'session-1' },
		vendorRefusals: ['Paynet: duplicate data (duplicatedata)'],
		path: '/v1/card/send_otp',
		sentValue: (request) => request.body.user_gsm,
		format: /^5[0-9]{9}$/,
	},
	{
		node: 'valify',
		label: 'Phone Number',
		field: 'phoneNumber',
		parameters: { operation: 'send' },
		path: '/api/v1/otp/send/',
		sentValue: (request) => request.body.phone_number,
		format: /^01[0-9]{9}$/,
	},
	{
		node: 'shoutout',
		label: 'Destination',
		field: 'destination',
		parameters: { operation: 'send', source: 'ShoutDEMO', message: 'Code {{code}}' },
		path: '/otpservice/send',
		sentValue: (request) => request.body.destination,
		format: /^[1-9][0-9]{7,14}$/,
	},
	{
		node: 'turkeySms',
		label: 'Mobile',
		field: 'mobile',
		parameters: { operation: 'send' },
		path: '/otp/send',
		sentValue: (request) => request.body.mobile,
		format: /^[1-9][0-9]{7,14}$/,
	},
	{
		node: 'd7Networks',
		label: 'Content',
		field: 'content',
		parameters: { operation: 'send', recipient: '+971501234567', messageType: 'content' },
		path: '/verify/v1/otp/send-otp',
		sentValue: (request) => request.body.content,
		format: /\{\}/,
	},
	{
		node: 'shoutout',
		label: 'Message',
		field: 'message',
		parameters: { operation: 'send', source: 'ShoutDEMO', destination: '94771234567' },
		path: '/otpservice/send',
		sentValue: (request) => request.body.content.sms,
		format: /\{\{code\}\}/,
	},
	{
		node: 'turkeySms',
		label: 'Text',
		field: 'text',
		parameters: { operation: 'sendCustom', mobile: '905324818942', title: 'MyApp' },
		path: '/otp/detailed',
		sentValue: (request) => request.body.text,
		format: /TS-CODE/,
	},
	{
		node: 'd7Networks',
		label: 'OTP Code',
		field: 'otpCode',
		parameters: { operation: 'verify', otpId: 'otp-1' },
		vendorRefusals: [
			'D7 Networks: no OTP with this OTP ID was found; use the reference Send returned',
		],
		path: '/verify/v1/otp/verify-otp',
		sentValue: (request) => request.body.otp_code,
		format: /^[A-Za-z0-9]{1,20}$/,
	},
	{
		node: 'valify',
		label: 'OTP',
		field: 'otp',
		parameters: { operation: 'verify', transactionId: 'tx-1' },
		vendorRefusals: ['Valify: the request was refused: Invalid transaction id'],
		path: '/api/v1/otp/verify/',
		sentValue: (request) => request.body.otp,
		format: /^[0-9]{6}$/,
	},
	{
		node: 'paynet',
		label: 'OTP Code',
		field: 'otpCode',
		parameters: { operation: 'verify', userGsm: '5324818942', otpSessionId: 's-1' },
		vendorRefusals: ['Paynet: no data was found (nodata)'],
		path: '/v1/card/check_otp',
		sentValue: (request) => request.body.otp_code,
		format: /^[A-Za-z0-9]{1,20}$/,
	},
];

const templateValues = fc.oneof(
	hostile,
	fc.string().map((text) => `${text}{}`),
	fc.string().map((text) => `${text}{{code}}`),
	fc.string().map((text) => `TS-CODE ${text}`),
);
const codeValues = fc.oneof(
	hostile,
	digitString(1, 12),
	fc.stringOf(fc.constantFrom(...'ABCxyz0189 '), { maxLength: 12 }),
);

describe.each(cases)('$node $label', (testCase) => {
	const vendor = { ...byNode[testCase.node] };
	beforeAll(async () => {
		vendor.simulator_ = vendor.simulator(vendor.secrets);
		vendor.url = await vendor.simulator_.start();
	});
	afterAll(async () => vendor.simulator_.stop());

	test('every value is either sent in the vendor format or refused in words, with no request', async () => {
		const values = testCase.label.match(/Content|Message|Text/)
			? templateValues
			: testCase.label.match(/Code|OTP/)
				? codeValues
				: anyValue;
		await fc.assert(
			fc.asyncProperty(fc.array(values, { minLength: 1, maxLength: 25 }), async (batch) => {
				vendor.simulator_.reset();
				await checkValues({ vendor, ...testCase, values: batch });
			}),
			{ numRuns: 20 },
		);
	});
});

describe('D7 Networks numbers', () => {
	const vendor = { ...byNode.d7Networks };
	beforeAll(async () => {
		vendor.simulator_ = vendor.simulator(vendor.secrets);
		vendor.url = await vendor.simulator_.start();
	});
	afterAll(async () => vendor.simulator_.stop());

	const numbers = [
		['otpCodeLength', 'OTP Code Length', 'otp_code_length', 2, 10],
		['expiry', 'Expiry \\(Seconds\\)', 'expiry', 1, undefined],
		['retryDelay', 'Retry Delay \\(Seconds\\)', 'retry_delay', 0, undefined],
		['retryCount', 'Retry Count', 'retry_count', 0, undefined],
	];
	test.each(numbers)(
		'%s: a whole number in range is sent as a number, anything else refused',
		async (field, label, bodyName, min, max) => {
			const values = fc.oneof(
				fc.integer({ min: -1000, max: 100000 }),
				fc.double(),
				fc.string({ maxLength: 8 }),
				digitString(1, 6),
				fc.constantFrom(null, {}, [], '  7 ', '-0', '1e3', '0x10', '٣'),
			);
			await fc.assert(
				fc.asyncProperty(fc.array(values, { minLength: 1, maxLength: 20 }), async (batch) => {
					vendor.simulator_.reset();
					const result = await runNode({
						nodeType: 'd7Networks',
						parameters: {
							resource: 'otp',
							operation: 'send',
							recipient: '+971501234567',
							messageType: 'content',
							content: 'Code {}',
							additionalFields: { [field]: '={{ $json.value }}' },
						},
						credentials: vendor.credentials(vendor.url, vendor.secrets),
						items: batch.map((value) => ({ value })),
						onError: 'continueRegularOutput',
					});
					expect(result.items).toHaveLength(batch.length);
					const refused = result.items.filter((item) => item.json.error !== undefined);
					for (const item of refused)
						expect(item.json.error).toMatch(
							new RegExp(`^${label} .* is not valid: expected a whole number`),
						);
					const requests = vendor.simulator_.requestsTo('/verify/v1/otp/send-otp');
					expect(requests).toHaveLength(batch.length - refused.length);
					for (const request of requests) {
						const sent = request.body[bodyName];
						expect(Number.isInteger(sent)).toBe(true);
						expect(sent).toBeGreaterThanOrEqual(min);
						if (max !== undefined) expect(sent).toBeLessThanOrEqual(max);
					}
				}),
				{ numRuns: 15 },
			);
		},
	);
});
