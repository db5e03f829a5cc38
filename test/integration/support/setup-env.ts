// Tests compare times and dates; pin the zone as CI would.
process.env.TZ = 'UTC';
