// Web pages: suggested tags, networks and common time zones, offered in <datalist> and <select> markup.
export const TAG_SUGGESTIONS = [
  'CPD',
  'networking',
  'TeachMeet',
  'new professionals',
  'chartership',
  'cataloguing',
  'metadata',
  'digital skills',
  'school libraries',
  'public libraries',
  'academic libraries',
  'health libraries',
  'law libraries',
  'special collections',
  'archives',
  'information literacy',
  'research support',
  'open access',
  'copyright',
  'reading for pleasure',
  'wellbeing',
  'mentoring',
  'lunch club',
  'social',
  'unconference',
] as const;

/**
 * Networks and groups people look for, offered as the home page's network filter is typed (it matches part of a name,
 * so "CILIP" finds every CILIP group). The page adds the networks of the meetups it lists.
 */
export const NETWORK_SUGGESTIONS = [
  'CILIP',
  'CILIP North West',
  'CILIP London',
  'CILIP Scotland',
  'CILIP Wales',
  'CILIP Ireland',
  'New Professionals Network',
  '#uklibchat',
  'Library Camp',
  'TeachMeet Scotland',
  'LibTeachMeet',
  'Manchester NLPN',
  'Health Libraries Network',
  'School Library Association',
  'Academic and Research Libraries Group',
  'Information Literacy Group',
  'Library Information Network Ireland',
  'Cardiff Library Network',
] as const;

/** Common zones for meetups in this community; the form adds the viewer's own zone if it is missing. */
/**
 * Places people type that have no zone of their own, by the zone they keep: the time zone search matches them, so
 * "Manchester" or "Cardiff" finds London rather than nothing.
 */
export const ZONE_PLACES: Readonly<Record<string, string>> = {
  'Europe/London': 'United Kingdom Great Britain England Scotland Wales Northern Ireland GMT BST Manchester Birmingham Leeds Liverpool Sheffield Bristol Newcastle Nottingham Leicester Brighton Oxford Cambridge Edinburgh Glasgow Aberdeen Dundee Cardiff Swansea Belfast',
  'Europe/Dublin': 'Eire Cork Galway Limerick Waterford',
  'America/New_York': 'EST EDT Boston Washington Philadelphia Atlanta Miami',
  'America/Toronto': 'Ottawa Montreal Quebec',
  'America/Chicago': 'CST CDT Dallas Houston Minneapolis',
  'America/Denver': 'MST MDT Salt Lake City',
  'America/Los_Angeles': 'PST PDT San Francisco Seattle San Diego',
  'America/Vancouver': 'British Columbia',
  'Asia/Kolkata': 'IST Delhi Mumbai Bangalore Bengaluru Chennai Hyderabad',
  'Australia/Sydney': 'AEST AEDT Canberra New South Wales',
  'Australia/Melbourne': 'Victoria',
  'Australia/Brisbane': 'Queensland',
  'Australia/Perth': 'Western Australia',
  'Pacific/Auckland': 'NZST NZDT Wellington Christchurch Aotearoa',
  'Europe/Paris': 'France CET CEST',
  'Europe/Berlin': 'Germany Munich Hamburg Frankfurt',
};

export const COMMON_TIME_ZONES: readonly { zone: string; label: string }[] = [
  { zone: 'Europe/London', label: 'UK (London)' },
  { zone: 'Europe/Dublin', label: 'Ireland (Dublin)' },
  { zone: 'Europe/Paris', label: 'Central Europe (Paris)' },
  { zone: 'Europe/Berlin', label: 'Central Europe (Berlin)' },
  { zone: 'Europe/Amsterdam', label: 'Netherlands (Amsterdam)' },
  { zone: 'Europe/Madrid', label: 'Spain (Madrid)' },
  { zone: 'Europe/Helsinki', label: 'Eastern Europe (Helsinki)' },
  { zone: 'America/New_York', label: 'US Eastern (New York)' },
  { zone: 'America/Toronto', label: 'Canada Eastern (Toronto)' },
  { zone: 'America/Chicago', label: 'US Central (Chicago)' },
  { zone: 'America/Denver', label: 'US Mountain (Denver)' },
  { zone: 'America/Los_Angeles', label: 'US Pacific (Los Angeles)' },
  { zone: 'Africa/Lagos', label: 'West Africa (Lagos)' },
  { zone: 'Africa/Johannesburg', label: 'South Africa (Johannesburg)' },
  { zone: 'Asia/Kolkata', label: 'India (Kolkata)' },
  { zone: 'Asia/Singapore', label: 'Singapore' },
  { zone: 'Australia/Sydney', label: 'Australia Eastern (Sydney)' },
  { zone: 'Pacific/Auckland', label: 'New Zealand (Auckland)' },
  { zone: 'UTC', label: 'UTC' },
];
