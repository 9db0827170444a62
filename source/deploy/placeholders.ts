// {region} and {account} in config ARNs, filled per region at plan time so one
// config serves every region.

export interface Placeholders {
	region: string;
	/** Known only when a config ARN needs it (from STS). */
	account?: string | undefined;
}

export function needsAccount(values: readonly string[]): boolean {
	return values.some(value => value.includes('{account}'));
}

export function fillArn(arn: string, where: Placeholders): string {
	let filled = arn.replaceAll('{region}', where.region);
	if (filled.includes('{account}')) {
		if (where.account === undefined) {
			throw new Error(`internal: ${arn} needs the account, which was not looked up`);
		}

		filled = filled.replaceAll('{account}', where.account);
	}

	return filled;
}
