// Demo data: the networks the demo meetups belong to, each with a team (some names shown, some not), links and topics,
// and a couple of past meetups with the people who came, so the directory and the network pages look lived-in. Every
// address is @signpost.local: sign in as one (the code arrives in the local inbox) to see a team's side.
import type { NetworkLinkKind, NetworkWhere, TeamRole } from '#functions/core/network.ts';

/** The demo's operator (OPERATORS in local/start.ts): sign in as this address to moderate. */
export const DEMO_OPERATOR = 'operator@signpost.local';
/** An organiser of two networks (Manchester NLPN and #uklibchat): sign in as this address to see "Your meetups". */
export const DEMO_ORGANISER = 'sam@signpost.local';
/** The networks the demo organiser follows by email (one each way): "Networks you follow" on /me. */
export const DEMO_ORGANISER_FOLLOWS = [
  { slug: 'library-camp', mode: 'each' },
  { slug: 'north-west-teachmeet', mode: 'digest' },
] as const;

export interface DemoMember {
  name: string;
  email: string;
  role: TeamRole;
  showName: boolean;
}

export interface DemoPastMeetup {
  title: string;
  daysAgo: number;
  /** How many had a place. */
  came: number;
  capacity?: number;
  /** With the demo's attendance: how many of them were checked in (by the team, or by code online), and walk-ins. */
  checkedIn?: number;
  walkIns?: number;
}

export interface DemoNetwork {
  slug: string;
  name: string;
  tagline: string;
  description: string;
  /** Checked by test/unit/demo-seed.test.ts: WCAG AA against white, and with white text on it. */
  accent: string;
  where: NetworkWhere;
  links: Partial<Record<NetworkLinkKind, string>>;
  topics: string[];
  /** The first is the network's creator and contact address. */
  team: DemoMember[];
  past: DemoPastMeetup[];
  /** How many follow it by email (demo addresses @example.org, never emailed), joined over the last six months. */
  followers: number;
}

const member = (name: string, role: TeamRole, showName: boolean): DemoMember => ({
  name,
  email: `${name.split(' ')[0]!.toLowerCase()}@signpost.local`,
  role,
  showName,
});

export const demoNetworks: DemoNetwork[] = [
  {
    slug: 'manchester-nlpn',
    name: 'Manchester NLPN',
    tagline: 'New library and information professionals in Greater Manchester',
    description:
      'Manchester NLPN is run by volunteers for anyone in their first years of library, archive or information work, ' +
      'whatever their sector and whether or not they are a member of anything.\n\n' +
      'We meet most months: lunches, chartership sessions and visits to each other\'s libraries. Meeting notes and ' +
      'slides are on our site: https://manchesternlpn.example.org/notes\n\nNew faces are always welcome.',
    accent: '#1d6b54',
    where: { kind: 'place', place: 'Manchester' },
    links: {
      website: 'https://manchesternlpn.example.org',
      mailingList: 'https://lists.example.org/manchester-nlpn',
      bluesky: 'https://bsky.app/profile/manchesternlpn.example.org',
    },
    topics: ['New professionals', 'Chartership', 'Networking', 'CPD'],
    team: [member('Priya Shah', 'organiser', true), member('Sam Okafor', 'organiser', true), member('Tom Hughes', 'helper', false)],
    past: [
      { title: 'Library visit: the John Rylands Research Institute and Library', daysAgo: 21, came: 14, capacity: 15, checkedIn: 11, walkIns: 1 },
      { title: 'New professionals lunch club', daysAgo: 49, came: 9, capacity: 20 },
    ],
    followers: 38,
  },
  {
    slug: 'uklibchat',
    name: '#uklibchat',
    tagline: 'A monthly online chat for library and information workers, wherever you are',
    description:
      'An open, friendly conversation on a different topic each month, suggested and voted on by the people who take ' +
      'part. Anyone working in or interested in libraries is welcome; no experience of the topic needed.\n\n' +
      'Summaries and reading lists of every chat: https://uklibchat.example.org/archive',
    accent: '#7a2e8e',
    where: { kind: 'online' },
    links: {
      website: 'https://uklibchat.example.org',
      mastodon: 'https://mastodon.example.social/@uklibchat',
      bluesky: 'https://bsky.app/profile/uklibchat.example.org',
    },
    topics: ['Online chat', 'CPD', 'Marketing', 'Networking'],
    team: [member('Sam Okafor', 'organiser', true), member('Jo Bennett', 'organiser', false), member('Aisha Rahman', 'helper', true)],
    past: [
      { title: '#uklibchat: libraries and wellbeing', daysAgo: 28, came: 31, checkedIn: 19 },
      { title: '#uklibchat: what I wish I had known in my first year', daysAgo: 56, came: 24 },
    ],
    followers: 96,
  },
  {
    slug: 'library-camp',
    name: 'Library Camp',
    tagline: 'A free unconference for anyone who cares about libraries. Cake is traditional.',
    description:
      'Library Camp is a day of conversations pitched on the day by the people who come: no keynotes, no sales pitches, ' +
      'no fee. Bring a question, an idea or a cake.\n\n' +
      'How an unconference works: https://librarycamp.example.org/how-it-works',
    accent: '#b3261e',
    where: { kind: 'place', place: 'Birmingham' },
    links: { website: 'https://librarycamp.example.org', linkedin: 'https://www.linkedin.com/company/library-camp-example' },
    topics: ['Unconference', 'Networking', 'CPD'],
    team: [member('Ellie Marsh', 'organiser', true), member('Dan Price', 'organiser', true), member('Grace Liu', 'helper', true)],
    past: [{ title: 'Library Camp North', daysAgo: 35, came: 42, capacity: 60 }],
    followers: 72,
  },
  {
    slug: 'north-west-teachmeet',
    name: 'North West TeachMeet',
    tagline: 'School librarians and teachers sharing what works, in seven minutes or two',
    description:
      'An evening of short talks from school librarians and teachers across the North West: reading for pleasure, ' +
      'information literacy, running a library on your own. Sign up to speak on the night or just listen.\n\n' +
      'Slides from past TeachMeets: https://nwteachmeet.example.org/slides',
    accent: '#0b5cad',
    where: { kind: 'place', place: 'North West England' },
    links: { website: 'https://nwteachmeet.example.org' },
    topics: ['TeachMeet', 'School libraries', 'Reading for pleasure'],
    team: [member('Hannah Doyle', 'organiser', true), member('Mark Evans', 'helper', false)],
    past: [{ title: 'TeachMeet: information literacy in the sixth form', daysAgo: 42, came: 18, capacity: 40 }],
    followers: 27,
  },
  {
    slug: 'london-library-lunch-club',
    name: 'London Library Lunch Club',
    tagline: 'Lunch once a month with library and information people in London',
    description:
      'No agenda, no talks: just lunch and conversation with people who work in libraries of every kind. Look for the ' +
      'Signpost sign on the table.\n\nWhere we have eaten, and what we thought: https://lunchclub.example.org',
    accent: '#8a4b00',
    where: { kind: 'place', place: 'London' },
    links: { website: 'https://lunchclub.example.org', mastodon: 'https://mastodon.example.social/@liblunchclub' },
    topics: ['Lunch club', 'Networking'],
    team: [member('Ruth Adeyemi', 'organiser', true)],
    past: [{ title: 'Library lunch club: London', daysAgo: 30, came: 7 }],
    followers: 15,
  },
];

/** First names for the people who came to past meetups (their addresses are @example.org, never emailed). */
export const ATTENDEE_NAMES = [
  'Alex', 'Bea', 'Chidi', 'Dee', 'Efe', 'Fran', 'Gwen', 'Hari', 'Iona', 'Jas', 'Kit', 'Lola', 'Mo', 'Nia', 'Ollie', 'Pat',
  'Quin', 'Rhys', 'Sian', 'Tariq', 'Una', 'Vik', 'Wren', 'Xan', 'Yusuf', 'Zoe',
];
