import { describe, expect, it } from 'vitest';
import { commands } from '../../../cli/commands/index.js';

describe('the command list', () => {
  it('has unique names', () => {
    const names = commands.map((entry) => entry.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it.each(commands.map((entry) => [entry.name, entry] as const))(
    '%s loads a command whose name and summary match its entry',
    async (_name, entry) => {
      const command = (await entry.load()).default;
      expect(command.name).toBe(entry.name);
      expect(command.summary).toBe(entry.summary);
      expect(command.help).toMatch(new RegExp(`topo ${entry.name}`));
      expect(typeof command.run).toBe('function');
    },
  );
});
