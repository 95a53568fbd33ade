import { json } from './json';
import { stylish } from './stylish';
import { sarif } from './sarif';
import { github } from './github';
import { gitlab } from './gitlab';
import { rdjsonl } from './rdjsonl';
import { markdown } from './markdown';
import type { Formatter } from './types';

/** `costlint check --format` names and their formatters. */
export const formatters = { stylish, json, sarif, github, gitlab, rdjsonl, markdown } satisfies Record<string, Formatter>;
export type FormatName = keyof typeof formatters;
