import type { TrapDetector } from '../types';
import { fminChoiceIndex, lossNotNegated, sparkTrialsSparkMl } from './hyperopt';
import { featureStoreClient } from './featureStore';
import { koalas } from './koalas';
import { loadModelInUdf, logModelName, ucModelName, ucNoSignature } from './mlflowModels';
import { groupedApply, pandasUdfType, toPandasWholeTable } from './pandasApi';
import { latestVersions, stageTransition, stageUri } from './registry';
import { fitBeforeSplit, oneHotOnString, splitNoSeed } from './sparkml';
import { autologAfterFit, metricLoopNoStep, runNeverEnded } from './tracking';
import { compareRuleIds } from '../ruleOrder';

/** Every rule's detector, by id order. Each has a page in questions/rules/ (the build checks both ways). */
export const DETECTORS: readonly TrapDetector[] = [
  logModelName, stageTransition, latestVersions, stageUri, ucNoSignature, ucModelName, featureStoreClient,
  koalas, pandasUdfType, groupedApply, lossNotNegated, fminChoiceIndex, sparkTrialsSparkMl, fitBeforeSplit,
  splitNoSeed, runNeverEnded, metricLoopNoStep, autologAfterFit, loadModelInUdf, oneHotOnString, toPandasWholeTable,
].sort((a, b) => compareRuleIds(a.id, b.id));
