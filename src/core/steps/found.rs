//! The first step when the person pasted what their machine shows: the concrete changes the analysis found (which
//! variable to unset, which line of which file to delete, which setting to remove), most important first.

use super::{c, step, MachineFindings, Step};

/// "Change what your machine shows", when the paste showed something to change.
pub(super) fn found_step(machine: &MachineFindings) -> Option<Step> {
    if machine.fixes.is_empty() {
        return None;
    }
    let mut body = format!(
        "{} From what you pasted, change this first:",
        machine.summary
    );
    let mut commands = Vec::new();
    for fix in &machine.fixes {
        if fix.commands.is_empty() {
            body.push_str(&format!(" {}.", fix.title.trim_end_matches('.')));
        }
        for command in &fix.commands {
            commands.push(c(fix.title.clone(), command.clone()));
        }
    }
    if commands.is_empty() {
        body.push_str(" (by hand, in an editor)");
    }
    Some(step(
        "found",
        "Change what your machine shows",
        body,
        commands,
    ))
}
