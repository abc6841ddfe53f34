import type { ReferenceField } from '../../../shared/fields';

/** The otp_id of a send: Resend, Verify and Get Status take it (it goes into Get Status's path). */
export const OTP_ID: ReferenceField = {
	displayName: 'OTP ID',
	name: 'otpId',
	vendorName: 'otp_id',
	placeholder: 'e.g. 4f8a1c2e-5b6d-4e7f-8a9b-0c1d2e3f4a5b',
};
