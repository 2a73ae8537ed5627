// The dependency rule, written once: rooms listed lowest first; a room may import only rooms listed before it (and
// itself), and a few low rooms are narrower still. `npm test` runs it (test/unit/dependency-rule.test.ts), and the
// README's architecture section describes it. To add a capability, put it in ROOMS where its imports allow.
/** @type {[name: string, path: string, onlyFrom?: string[]][]} */
const ROOMS = [
  ['core', '^functions/core/', []], //               the shared domain, pure: imports nothing outside core/
  ['views', '^views/', ['core']], //                   browser-safe HTML: core only
  ['table', '^functions/table/', ['core']], //       every key and item of the single table
  ['http', '^functions/http/', ['core', 'views']], // the Hono kit
  ['calendar', '^functions/calendar/', ['core']], // iCalendar text for feeds and email attachments
  ['ratelimit', '^functions/ratelimit/'],
  ['suppression', '^functions/suppression/'],
  ['mail', '^functions/mail/'],
  ['auth', '^functions/auth/'], //                    signing in by email, sessions, who is asking
  ['networks', '^functions/networks/'], //            networks, their teams, and who may manage a meetup
  ['events', '^functions/events/'],
  ['feeds', '^functions/feeds/'],
  ['rsvps', '^functions/rsvps/'],
  ['reminders', '^functions/reminders/'],
  ['attendance', '^functions/attendance/'], //        "still coming?", check-in at the door or by code, and the numbers
  ['cpd', '^functions/cpd/'], //                      CPD evidence: records of attendance, reflections, the personal CPD log, feedback
  ['follows', '^functions/follows/'], //              following a network by email: announcements, digests, its feed
  ['messages', '^functions/messages/'], //            a team's messages to its followers or a meetup's attendees
  ['directory', '^functions/directory/'], //          the directory of networks and each network's own page
  ['me', '^functions/me/'], //                        "Your meetups"
  ['moderation', '^functions/moderation/'], //        the operators: reports, hiding, approving networks
  ['apps', '^functions/apps/'], //                    composition roots: the only code that wires capabilities together
  ['web', '^web/'],
  ['local', '^local/'],
];

const names = ROOMS.map(([name]) => name);
const pathOf = Object.fromEntries(ROOMS.map(([name, path]) => [name, path]));
const rules = ROOMS.map(([name, path, only], i) => {
  const allowed = only ?? names.slice(0, i);
  const others = names.filter((n) => n !== name && !allowed.includes(n));
  return {
    name: `${name}-imports-only-${only ? allowed.join('-') || 'itself' : 'rooms-below'}`,
    comment: `${name} may import ${allowed.length ? allowed.join(', ') : 'nothing outside itself'} (see ROOMS in .dependency-cruiser.cjs)`,
    severity: 'error',
    from: { path },
    to: { path: others.map((n) => pathOf[n]) },
  };
}).filter((rule) => rule.to.path.length);

module.exports = {

  forbidden: [
    { name: 'no-circular', comment: 'No import cycles, file to file', severity: 'error', from: {}, to: { circular: true } },
    {
      name: 'core-is-pure',
      comment: 'core/ is plain TypeScript: no AWS SDK, no Hono, no other package',
      severity: 'error',
      from: { path: '^functions/core/' },
      to: { dependencyTypes: ['npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-no-pkg', 'npm-unknown'] },
    },
    {
      name: 'browser-scripts-stay-in-the-browser',
      comment: 'web/src runs in the browser: core, views and capability schemas only',
      severity: 'error',
      from: { path: '^web/src/' },
      to: { path: '^functions/', pathNot: ['^functions/core/', '^functions/[^/]+/[^/]+\\.schema\\.ts$', '^functions/http/schemas\\.ts$'] },
    },
    ...rules,
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], extensions: ['.ts', '.js', '.mjs', '.json'] },
  },
};
