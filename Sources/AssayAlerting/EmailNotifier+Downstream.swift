import AssayMonitorCore

extension EmailNotifier {
    /// Who gets the mail of `message`: the configured recipients, and with ``Settings/downstreamOwners`` every owner
    /// of a dataset downstream of the alerts' tables (their incidents' blast radius) that is an email address, each
    /// once (ignoring case), in the order of the blast radius. An owner that is not an address (a team name) is
    /// left out.
    public func recipients(of message: AlertMessage) -> [String] {
        var all = settings.recipients
        guard settings.downstreamOwners else { return all }
        var seen = Set(all.map { $0.lowercased() })
        for owner in message.alerts.compactMap(\.incident.blastRadius).flatMap(\.owners) where seen.insert(owner.lowercased()).inserted {
            do throws(SMTPError) {
                try SMTPEnvelope.validate(address: owner)
                all.append(owner)
            } catch {
                continue
            }
        }
        return all
    }
}
