import { describe, expect, it } from '@jest/globals';
import { findMentions } from './mentions.js';

const members = [
  { userId: 'sara', name: 'Sara Student' },
  { userId: 'viktor', name: 'Viktor Veileder' },
  { userId: 'kari1', name: 'Kari Nordmann' },
  { userId: 'kari2', name: 'Kari Hansen' },
];

describe('findMentions', () => {
  it.each([
    ['@Viktor kan du se på dette?', ['viktor']],
    ['Takk, @sara student!', ['sara']],
    ['@Kari Nordmann og @Sara', ['kari1', 'sara']],
    ['@Kari alene er tvetydig', []],
    ['skriv til sara@example.org', []],
    ['@Viktoria finnes ikke', []],
    ['@Viktor @Viktor', ['viktor']],
    ['ingen nevnt', []],
  ])('%s', (body, expected) => {
    expect(findMentions(body, members).sort()).toEqual([...expected].sort());
  });
});
