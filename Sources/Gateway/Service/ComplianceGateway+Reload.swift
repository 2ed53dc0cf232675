import Airspace
import Audit
import Compliance
import Foundation
import Geo
import Logging
import MQTT
import Pipeline
import StrictJSON

extension ComplianceGateway {
    /// Reads the bundle again and puts it in force from the next message on, or leaves the old one in force.
    ///
    /// The files are read, checked completely and indexed off the actor, while messages go on being judged
    /// against the old bundle; the swap is one step of the actor, between two messages, so no message is judged
    /// against half a bundle. An applied reload is recorded as a `config_load` with the new digest, like a
    /// start; a refused one as a `bundle_reload_refused` event with its problems. Both are published on
    /// ``GatewayConfig/gatewayEventsTopic``. Reloads asked for together run one after the other, each reading
    /// the files as they are when it starts.
    public func reloadBundle(trigger: BundleReloadTrigger) async -> BundleReloadOutcome {
        let previous = reloading
        let reload = Task {
            _ = await previous?.value
            return await self.reloadNow(trigger: trigger)
        }
        reloading = reload
        return await reload.value
    }

    private func reloadNow(trigger: BundleReloadTrigger) async -> BundleReloadOutcome {
        let folder = config.bundle
        let options = config.zoneImport
        let read = await Task.detached { ComplianceGateway.read(folder, options: options) }.value
        let now = config.clock(Date())
        let outcome: BundleReloadOutcome
        switch read {
        case .success(let (index, digest, seconds)):
            let previous = pipeline.engine.airspace
            pipeline.useAirspace(index, now: now)
            // Freeing a large bundle takes milliseconds: not on the actor, where messages wait for it.
            Task.detached { withExtendedLifetime(previous) {} }
            outcome = .applied(
                digest: digest, zones: index.bundle.zones.count, authorisations: index.bundle.authorisations.count,
                seconds: seconds)
            logger.notice(
                "bundle reloaded",
                metadata: [
                    "trigger": "\(trigger.rawValue)", "digest": "\(digest)", "zones": "\(index.bundle.zones.count)",
                    "load_ms": "\(Int(seconds * 1000))",
                ])
            let load = GatewayRecorder.configuration(config, now: now, bundleDigest: digest, reload: trigger)
            _ = await write([load], now: now)
        case .failure(let problems):
            outcome = .refused(problems: problems.problems)
            logger.error(
                "bundle reload refused; the bundle in force stays",
                metadata: [
                    "trigger": "\(trigger.rawValue)", "problems": "\(problems.problems.joined(separator: "; "))",
                ])
            let event = outcome.event(trigger: trigger, bundle: folder, now: now)
            _ = await write([.event(time: now, drone: nil, mission: nil, event: event)], now: now)
        }
        if let egress {
            let event = outcome.event(trigger: trigger, bundle: folder, now: now)
            await publish(
                [Publication(topic: config.gatewayEventsTopic, payload: JSONWriter.bytes(.object(event)), qos: 1)],
                to: egress)
        }
        return outcome
    }

    /// Why a bundle was not put in force.
    struct ReloadProblems: Error {
        let problems: [String]
    }

    /// Loads and indexes the bundle, and its digest as read: the digest of the files before and after reading
    /// must agree, or the files changed under the reader and what was read may be half of two versions.
    nonisolated static func read(
        _ folder: URL, options: ZoneImportOptions
    ) -> Result<(AirspaceIndex, String, Double), ReloadProblems> {
        let clock = ContinuousClock()
        let start = clock.now
        let before = GatewayRecorder.digest(folder: folder)
        let bundle: SiteBundle
        do {
            bundle = try BundleLoader.load(directory: folder, importOptions: options)
        } catch {
            return .failure(ReloadProblems(problems: error.issues.map { "\(folder.path): \($0)" }))
        }
        let index = AirspaceIndex(bundle: bundle)
        guard GatewayRecorder.digest(folder: folder) == before else {
            return .failure(
                ReloadProblems(problems: [
                    "\(folder.path): the bundle's files changed while they were read; reload again"
                ]))
        }
        return .success((index, before, (clock.now - start).seconds))
    }
}
