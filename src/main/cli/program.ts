// The `calsync` command line (DESIGN.md §6).
import { Command } from 'commander';
import { registerAccountCommands } from './commands/account-commands';
import { registerCalendarCommands } from './commands/calendar-commands';
import { registerConfigCommands } from './commands/config-commands';
import { registerDemoCommand } from './commands/demo-command';
import { registerInsightsCommand } from './commands/insights-command';
import { registerMirrorCommands } from './commands/mirror-commands';
import { registerServeCommand } from './commands/serve-command';
import { registerSupabaseCommands } from './commands/supabase-commands';
import { registerSyncCommands } from './commands/sync-commands';
import { registerHabitCommands } from './commands/habit-commands';
import { registerPlanCommands } from './commands/plan-commands';
import { registerResetCommand } from './commands/reset-command';

export function buildProgram(): Command {
  const program = new Command('calsync')
    .description('Google calendars → local cache (→ Supabase), and time blocks for your tasks')
    .version('0.1.0')
    .showHelpAfterError('(run with --help for usage)')
    // `calendars` and `tasks` take --json themselves and have subcommands that
    // do too: an option belongs to the command it follows.
    .enablePositionalOptions();
  registerAccountCommands(program);
  registerCalendarCommands(program);
  registerSyncCommands(program);
  registerConfigCommands(program);
  registerPlanCommands(program);
  registerHabitCommands(program);
  registerMirrorCommands(program);
  registerInsightsCommand(program);
  registerServeCommand(program);
  registerDemoCommand(program);
  registerSupabaseCommands(program);
  registerResetCommand(program);
  groupCommands(program);
  return program;
}

// `calsync --help` in four groups, each with one example, so a first look
// finds the way in (commander's help groups; a command not listed here stays
// under "Commands:").
const GROUPS: Array<{ heading: string; names: string[]; example: string }> = [
  {
    heading: 'Sync with Google:',
    names: ['login', 'accounts', 'logout', 'calendars', 'events', 'sync', 'runs', 'status', 'mirror', 'serve'],
    example: 'calsync login && calsync sync && calsync events --from 2026-12-01 --to 2026-12-07',
  },
  {
    heading: 'Planning:',
    names: ['tasks', 'habits', 'plan', 'proposals', 'accept', 'reject', 'insights'],
    example: 'calsync tasks add --title "Write report" --duration 90 --due 2026-12-04 && calsync plan',
  },
  {
    heading: 'Supabase:',
    names: ['supabase', 'push'],
    example: 'calsync supabase connect --url https://abcd.supabase.co --anon-key … --workspace <uuid>',
  },
  {
    heading: 'Settings:',
    names: ['config', 'reset'],
    example: 'calsync config set workingHours \'{"mon":[["09:00","17:00"]]}\'',
  },
];

function groupCommands(program: Command): void {
  // Groups show in the order of their first command: sort the commands by group (stable, so each keeps its place inside it).
  const rank = (c: Command) => {
    const i = GROUPS.findIndex((g) => g.names.includes(c.name()));
    return i === -1 ? GROUPS.length : i;
  };
  (program.commands as Command[]).sort((a, b) => rank(a) - rank(b));
  for (const cmd of program.commands) {
    const group = GROUPS.find((g) => g.names.includes(cmd.name()));
    if (group) cmd.helpGroup(group.heading);
  }
  const examples = GROUPS.map((g) => `  ${g.heading.replace(/:$/, '').padEnd(18)} ${g.example}`).join('\n');
  program.addHelpText(
    'after',
    `\nExamples:\n${examples}\n\nEvery command takes --json (one JSON document on stdout). \`calsync <command> --help\` for its options.`,
  );
}
