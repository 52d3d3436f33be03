import { isChecklistStepId } from '../../../server/src/core/checklist/steps';
import type { NodeTarget } from './viewNode';

/**
 * What a view command was invoked with: a tree row (its `target`), the arguments of a row's click
 * command (`{ folderUri, step }`), or nothing at all (Command Palette, walkthrough buttons).
 * Anything else counts as nothing, so that the command asks instead of failing.
 */
export function commandTarget(argument: unknown): Partial<NodeTarget> {
  if (typeof argument !== 'object' || argument === null) return {};
  const candidate = (argument as { target?: unknown }).target ?? argument;
  if (typeof candidate !== 'object' || candidate === null) return {};
  const { folderUri, step } = candidate as { folderUri?: unknown; step?: unknown };
  return {
    ...(typeof folderUri === 'string' && { folderUri }),
    ...(typeof step === 'string' && isChecklistStepId(step) && { step }),
  };
}
