import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { PreparedCall } from '../../../shared/types';
import { checkPlaceholder, readText } from '../../../shared/validation';
import { languageAndDigitsFields, mobileField, readLanguageAndDigits, readMobile } from './fields';
import { sendOtpCall } from './calls';

/** TurkeySMS replaces this placeholder in the text with the code it generates. */
const CODE_PLACEHOLDER = 'TS-CODE';

const properties: INodeProperties[] = [
	mobileField,
	{
		displayName: 'Title',
		name: 'title',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'MyApp',
		description:
			'Sender ID shown on the phone; it must be approved and active in the TurkeySMS panel',
	},
	{
		displayName: 'Text',
		name: 'text',
		type: 'string',
		typeOptions: { rows: 2 },
		required: true,
		default: 'Your verification code is TS-CODE',
		description: 'The message; TS-CODE is replaced by the code TurkeySMS generates',
	},
	languageAndDigitsFields,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['otp'], operation: ['sendCustom'] } },
	properties,
);

/** POST /otp/detailed: TurkeySMS generates the code and texts it inside the user's own text. */
export function prepare(this: IExecuteFunctions, itemIndex: number): PreparedCall {
	const mobile = readMobile(this, itemIndex);
	const title = readText(this, itemIndex, 'title', 'Title');
	const text = checkPlaceholder(
		this,
		itemIndex,
		'Text',
		readText(this, itemIndex, 'text', 'Text'),
		CODE_PLACEHOLDER,
	);
	const body = { mobile, title, text, ...readLanguageAndDigits(this, itemIndex) };
	return sendOtpCall(this, itemIndex, 'sendCustom', '/otp/detailed', body);
}
