/** Paynet's return codes and error types in words (doc.paynet.com.tr, its return-code table). */

export interface PaynetCode {
	name: string;
	words: string;
	hint: string;
}

function paynetFlowCode(name: string, words: string): PaynetCode {
	return {
		name,
		words,
		hint: "Paynet names this return code in its general table; it is not one of the OTP calls' usual answers. Look the request up in the Paynet panel or ask Paynet support.",
	};
}

/** Paynet's documented result codes (card-save and general), by number. */
export const PAYNET_CODES: Record<number, PaynetCode> = {
	1: {
		name: 'unsuccessful',
		words: 'the request was unsuccessful',
		hint: 'Check the phone number and the OTP session ID, and look the request up in the Paynet panel.',
	},
	2: {
		name: 'companyblocked',
		words: 'the company account is blocked',
		hint: 'The merchant account is blocked at Paynet. Contact Paynet support.',
	},
	3: {
		name: 'agentblocked',
		words: 'the agent (dealer) is blocked',
		hint: 'The agent this secret key belongs to is blocked at Paynet. Contact Paynet support or your main merchant.',
	},
	4: {
		name: 'agentnotfound',
		words: 'the agent (dealer) was not found',
		hint: 'Check that the secret key belongs to the right merchant and environment (test keys only work on the test system).',
	},
	5: {
		name: 'duplicatedata',
		words: 'duplicate data',
		hint: 'An OTP was already sent for this OTP session ID. Wait until it expires (otp_expire) or use a new session ID.',
	},
	6: {
		name: 'noprocess',
		words: 'no transaction was found to act on',
		hint: 'Check the OTP session ID: it must be the one used with Send.',
	},
	7: {
		name: 'unauthorized',
		words: 'the secret key was refused',
		hint: 'Check the secret key and the environment in the Paynet credential (a test key only works on the test system). OTP for card storage may also need enabling on the account.',
	},
	8: {
		name: 'servererror',
		words: 'internal server error',
		hint: "The code may or may not have been sent; nothing was repeated. Check Paynet's status before running again.",
	},
	9: {
		name: 'notimplemented',
		words: 'this service is not available for the account',
		hint: 'Ask Paynet to enable OTP for card storage on the merchant account.',
	},
	10: {
		name: 'timeout',
		words: "the request timed out on Paynet's side",
		hint: 'The code may or may not have been sent; nothing was repeated. For a send, wait until the OTP would expire before sending again for the same session.',
	},
	11: {
		name: 'badrequest',
		words: 'the request was rejected as malformed',
		hint: 'Check the phone number (5XXXXXXXXX) and the OTP session ID.',
	},
	12: {
		name: 'nodata',
		words: 'no data was found',
		hint: 'Paynet has no OTP for this session ID and phone number. Use the session ID and number of the Send step.',
	},
	// 13 to 21 are named in Paynet's return-code table but not explained there; they belong to its
	// card payment flows (Paynet.js sessions, card data, POS and rates), not to the OTP calls.
	13: paynetFlowCode('paynetjnosession', 'no Paynet.js session was found'),
	14: paynetFlowCode(
		'paynetjwrongbin',
		'the card number (BIN) does not match the Paynet.js session',
	),
	15: paynetFlowCode('paynetjunmatchtran', 'the transaction does not match the Paynet.js session'),
	16: paynetFlowCode('paynetj3derror', 'the 3D Secure step of the Paynet.js session failed'),
	17: paynetFlowCode('paynetjusedsession', 'the Paynet.js session was already used'),
	18: paynetFlowCode('wrongcarddata', 'the card data is wrong'),
	19: paynetFlowCode('wrongtransactiontype', 'the transaction type is wrong'),
	20: paynetFlowCode('wrongpostype', 'the POS type is wrong'),
	21: paynetFlowCode('wrongratioget', 'the rate (instalment ratio) could not be read'),
	100: {
		name: 'oldsuccessful',
		words: 'this was already done successfully earlier',
		hint: 'An earlier request for this OTP session already succeeded. Use the code already sent, or a new session ID.',
	},
};

/** Paynet's error `type` on non-200 answers, in words. */
export const PAYNET_ERROR_TYPES: Record<string, string> = {
	api_error: 'internal error',
	invalid_request_error: 'the request was rejected as invalid',
	authorization_error: 'the secret key was refused',
	no_data_error: 'no data was found',
};
