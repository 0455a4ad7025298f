import { describe, expect, it } from '@jest/globals';
import type { LensSection } from '@haven/contracts';
import type { DiscoveryService } from '@nestjs/core';
import { CaseDataContributors, type CaseDataContributor } from '../cases/case-data-contributor.js';
import { buildLensView } from './lens.js';

/** The registry as start-up fills it, from the given contributors. */
function registryOf(contributors: CaseDataContributor[]): CaseDataContributors {
  const discovery = {
    getProviders: () => contributors.map((instance) => ({ instance })),
  } as unknown as DiscoveryService;
  const registry = new CaseDataContributors(discovery);
  registry.onModuleInit();
  return registry;
}

const at = new Date('2026-12-01T00:00:00Z');

describe('a lens view built from the features that hold the case data', () => {
  function setUp() {
    const asked: string[] = [];
    const cases: CaseDataContributor = {
      feature: 'cases',
      lensSections: ['riskSummary', 'contact'],
      lensView: async (caseId, sections, now) => {
        asked.push(`cases ${caseId} ${sections.join(',')} ${now.toISOString()}`);
        // Answers more than it was asked for: the view must not take it.
        return { riskSummary: { riskLevel: 'high' }, contact: { phone: '+3912345678' } };
      },
    };
    const assessments: CaseDataContributor = {
      feature: 'assessments',
      lensSections: ['healthNeeds', 'legalNeeds'],
      lensView: async (_caseId, sections) => {
        asked.push(`assessments ${sections.join(',')}`);
        return { healthNeeds: [{ area: 'medical', level: 'high' }] };
      },
    };
    return { asked, registry: registryOf([cases, assessments]) };
  }

  it('asks each feature once, for its own chosen sections only, and takes nothing else', async () => {
    const { asked, registry } = setUp();
    const view = await buildLensView('case-1', ['healthNeeds', 'riskSummary', 'healthNeeds'], registry, at);
    expect(view).toEqual({
      sections: ['healthNeeds', 'riskSummary'],
      healthNeeds: [{ area: 'medical', level: 'high' }],
      riskSummary: { riskLevel: 'high' },
    });
    expect(asked.sort()).toEqual(['assessments healthNeeds', `cases case-1 riskSummary ${at.toISOString()}`]);
  });

  it('does not ask a feature none of whose sections the lens chose', async () => {
    const { asked, registry } = setUp();
    await buildLensView('case-1', ['riskSummary'], registry, at);
    expect(asked).toEqual([`cases case-1 riskSummary ${at.toISOString()}`]);
  });

  it('refuses a section no feature fills, and one two features claim', async () => {
    const { registry } = setUp();
    await expect(buildLensView('case-1', ['documents' as LensSection], registry, at)).rejects.toThrow(
      'No feature fills these lens sections: documents',
    );
    const twice = registryOf([
      { feature: 'cases', lensSections: ['riskSummary'], lensView: async () => ({}) },
      { feature: 'assessments', lensSections: ['riskSummary'], lensView: async () => ({}) },
    ]);
    await expect(buildLensView('case-1', ['riskSummary'], twice, at)).rejects.toThrow(
      'Lens section riskSummary is filled by both',
    );
  });
});
