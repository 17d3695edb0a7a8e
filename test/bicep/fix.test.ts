/**
 * Fix edits on `.bicep` text: literal values replaced in place, missing properties added on a new
 * line of the nearest written object with its indentation, and no edit where the value is not
 * written literally or the object is written on one line.
 */
import { describe, expect, it } from 'vitest';
import { lowerBicepText } from '../../src/bicep/index.js';
import type { TextEdit } from '../../src/template/json.js';

const RESOURCE = ['resources', 'ext'];

function edited(text: string, path: Array<string | number>, value: unknown): string | undefined {
  const document = lowerBicepText('main.bicep', text);
  const edits = document.editValue([...RESOURCE, ...path], value);
  if (!edits) return undefined;
  return [...edits]
    .sort((a: TextEdit, b: TextEdit) => b.offset - a.offset)
    .reduce((out, edit) => out.slice(0, edit.offset) + edit.content + out.slice(edit.offset + edit.length), text);
}

const extension = (properties: string, eol = '\n') =>
  ["resource ext 'Microsoft.Compute/virtualMachines/extensions@2024-07-01' = {", "  name: 'vm/health'", `  properties: ${properties}`, '}', ''].join(eol);

describe('Bicep fix edits', () => {
  it('replaces a literal value', () => {
    const text = extension('{\n    autoUpgradeMinorVersion: false\n  }');
    expect(edited(text, ['properties', 'autoUpgradeMinorVersion'], true)).toBe(text.replace('false', 'true'));
  });

  it('adds a missing property after the last one, with its indentation, keeping a trailing comment on its line', () => {
    const text = extension("{\n    type: 'ApplicationHealthWindows' // the health probe\n    enableAutomaticUpgrade: true\n  }");
    expect(edited(text, ['properties', 'autoUpgradeMinorVersion'], true)).toBe(
      text.replace('enableAutomaticUpgrade: true\n', 'enableAutomaticUpgrade: true\n    autoUpgradeMinorVersion: true\n'),
    );
    const commented = extension('{\n    enableAutomaticUpgrade: true // keep\n  }');
    expect(edited(commented, ['properties', 'autoUpgradeMinorVersion'], true)).toBe(
      commented.replace('// keep\n', '// keep\n    autoUpgradeMinorVersion: true\n'),
    );
  });

  it('adds the missing objects of a deeper path, and keeps tabs and CRLF line ends', () => {
    const text = extension("{\r\n\t\ttype: 'x'\r\n\t}", '\r\n').replace(/^ {2}/gm, '\t');
    expect(edited(text, ['properties', 'settings', 'protocol'], 'https')).toBe(
      text.replace("type: 'x'\r\n", "type: 'x'\r\n\t\tsettings: {\r\n\t\t\tprotocol: 'https'\r\n\t\t}\r\n"),
    );
  });

  it('writes an empty object out over lines', () => {
    const text = extension('{}');
    expect(edited(text, ['properties', 'autoUpgradeMinorVersion'], true)).toBe(
      text.replace('properties: {}', 'properties: {\n    autoUpgradeMinorVersion: true\n  }'),
    );
  });

  it('quotes keys and strings that need it', () => {
    const text = extension('{\n    a: 1\n  }');
    expect(edited(text, ['properties', 'odd-key'], "it's ${x}")).toBe(text.replace('a: 1\n', "a: 1\n    'odd-key': 'it\\'s \\${x}'\n"));
  });

  it('gives no edit for a value not written literally, a one-line object or a closing brace on the last line', () => {
    expect(
      edited(
        extension('{\n    autoUpgradeMinorVersion: minor\n  }').replace('resource', 'param minor bool = false\nresource'),
        ['properties', 'autoUpgradeMinorVersion'],
        true,
      ),
    ).toBeUndefined();
    expect(edited(extension('{ a: 1 }'), ['properties', 'b'], true)).toBeUndefined();
    expect(edited(extension('{\n    a: 1 }'), ['properties', 'b'], true)).toBeUndefined();
    expect(edited(extension('union({}, {\n    a: 1\n  })'), ['properties', 'b'], true)).toBeUndefined();
    expect(edited(extension("{\n    settings: loadJsonContent('x.json')\n  }"), ['properties', 'settings', 'protocol'], 'https')).toBeUndefined();
  });
});
