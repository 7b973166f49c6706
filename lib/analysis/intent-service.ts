/**
 * The intent model the background classifies with: the team's own intents
 * from settings or policy, or the shipped customer-service set. Trained once
 * per intent list (a change of settings trains again), in the background.
 */
import type { TeamIntent } from '../settings/catalogue';
import { classifyIntent, trainIntents, UNKNOWN_INTENT, type IntentModel } from './intent';
import { defaultIntentModel } from './intents-default';

export interface IntentGuess {
  /** The team's intent name, or the shipped set's id (e.g. double_charge). */
  name: string;
  confidence: number;
}

const MIN_SHOWN_CONFIDENCE = 0.25;

export function createIntentService() {
  let source = '';
  let model: IntentModel | null = null;

  function modelFor(intents: readonly TeamIntent[]): IntentModel {
    const key = JSON.stringify(intents);
    if (!model || key !== source) {
      source = key;
      model = intents.length
        ? trainIntents(intents.flatMap((i) => i.examples.map((text) => ({ text, label: i.name }))))
        : defaultIntentModel();
    }
    return model;
  }

  return {
    /**
     * What the customer wants: the first customer message usually states the
     * request and the latest may change it, so the more confident of the two
     * decides; null when neither fits an intent.
     */
    classify(intents: readonly TeamIntent[], customerTexts: readonly string[]): IntentGuess | null {
      if (!customerTexts.length) return null;
      const m = modelFor(intents);
      let best: IntentGuess | null = null;
      for (const text of new Set([customerTexts.at(-1)!, customerTexts[0]!])) {
        const result = classifyIntent(m, text);
        if (result.intent !== UNKNOWN_INTENT && (!best || result.confidence > best.confidence)) {
          best = { name: result.intent, confidence: result.confidence };
        }
      }
      // Below this the agent is better served by no guess than by a wrong one.
      return best && best.confidence >= MIN_SHOWN_CONFIDENCE ? best : null;
    },
  };
}

export type IntentService = ReturnType<typeof createIntentService>;
