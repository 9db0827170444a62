// What the generator produces: files, with paths relative to the project folder.

export interface GeneratedFile {
	/** Relative to the project folder, with / separators: "src/main.rs". */
	readonly path: string;
	readonly content: string;
	/** Needs the executable bit (a script). */
	readonly executable?: boolean;
}

/** A file and the line the project's README gives it. */
export interface DescribedFile extends GeneratedFile {
	readonly what: string;
}
