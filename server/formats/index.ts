import { json } from './json';
import { stylish } from './stylish';
import type { Formatter } from './types';

/** `costlint check --format` names and their formatters. */
export const formatters = { stylish, json } satisfies Record<string, Formatter>;
export type FormatName = keyof typeof formatters;
