// Core: the ways to subscribe to a feed, for pages and the browser alike (no Node or AWS imports).
// webcal:// opens Apple Calendar and Outlook on the desktop; Google and Outlook on the web add a feed by URL.

export interface SubscribeLinks {
  /** The address to copy into any calendar app. */
  https: string;
  webcal: string;
  google: string;
  outlook: string;
  outlookWork: string;
}

export function subscribeLinks(feedUrl: string, name: string): SubscribeLinks {
  const webcal = feedUrl.replace(/^https?:\/\//, 'webcal://');
  const addFromWeb = (host: string) => `https://${host}/calendar/0/addfromweb?${new URLSearchParams({ url: feedUrl, name })}`;
  return {
    https: feedUrl,
    webcal,
    google: `https://calendar.google.com/calendar/render?${new URLSearchParams({ cid: webcal })}`,
    outlook: addFromWeb('outlook.live.com'),
    outlookWork: addFromWeb('outlook.office.com'),
  };
}

/** What the panel says under the links: the honest caveats about how calendars refresh. */
export const SUBSCRIBE_NOTES = [
  'Subscribing keeps your calendar up to date: new meetups appear, and changed or cancelled ones update by themselves.',
  'Apple Calendar and Outlook check about every hour. Google Calendar can take a day or more to show changes, so if you have a place, changes are also emailed to you.',
] as const;
