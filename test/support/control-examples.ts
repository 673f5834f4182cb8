import fc from 'fast-check';
import { CONTROL_ACTIONS, CONTROL_ACTION_SPECS, type ControlAction, type FieldSpec } from '../../src/protocol/control-actions.js';

/** A valid value of each field kind, for sweeps that need one body per action. */
function exampleValue(spec: FieldSpec, target: string): unknown {
  switch (spec.kind) {
    case 'identity':
      return target;
    case 'boolean':
      return true;
    case 'choice':
      return spec.values[0];
    case 'count':
      return 1;
    case 'subject':
      return 'Renamed meeting';
    case 'displayName':
      return 'Renamed';
  }
}

/** One valid body for an action, derived from the registry. */
export function exampleAction(name: ControlAction['action'], target: string): ControlAction {
  const fields = CONTROL_ACTION_SPECS[name].fields as readonly (readonly [string, FieldSpec])[];
  return Object.fromEntries([['action', name], ...fields.map(([field, spec]) => [field, exampleValue(spec, target)])]) as ControlAction;
}

/** Random values of each field kind; identities come from `target`. */
function arbitraryValue(spec: FieldSpec, target: fc.Arbitrary<string>): fc.Arbitrary<unknown> {
  switch (spec.kind) {
    case 'identity':
      return spec.nullable ? fc.option(target, { nil: null }) : target;
    case 'boolean':
      return fc.boolean();
    case 'choice':
      return fc.constantFrom(...spec.values);
    case 'count':
      return fc.integer({ min: 0, max: Math.min(spec.max, 3) });
    case 'subject':
    case 'displayName':
      return fc.constant('N');
  }
}

/** Any registered action with random fields (for the rules' property test). */
export function arbitraryAction(target: fc.Arbitrary<string>, names: readonly ControlAction['action'][] = CONTROL_ACTIONS): fc.Arbitrary<ControlAction> {
  return fc.oneof(
    ...names.map((name) => {
      const fields = CONTROL_ACTION_SPECS[name].fields as readonly (readonly [string, FieldSpec])[];
      return fc.record(Object.fromEntries([['action', fc.constant(name)], ...fields.map(([field, spec]) => [field, arbitraryValue(spec, target)])])) as fc.Arbitrary<ControlAction>;
    }),
  );
}
