// RSVPs domain: why RSVPs are closed, in the words the API and the pages both use. No imports: zod-free pages load it.
export const CLOSED_MESSAGES = {
  closed: 'The organiser has closed RSVPs for this meetup.',
  started: 'This meetup has already started, so RSVPs are closed.',
  cancelled: 'This meetup has been cancelled, so it is not taking RSVPs.',
} as const;
