// talent: the pairing page's goal form. Choosing a skill sets the target one level above
// the mentee's level in it (the option's data-next). The form works without this file.
(function () {
  "use strict";
  var skill = document.getElementById("goal-skill");
  var target = document.getElementById("goal-target");
  if (!skill || !target) return;
  skill.addEventListener("change", function () {
    var chosen = skill.options[skill.selectedIndex];
    var next = chosen ? chosen.dataset.next : "";
    if (next) target.value = next;
  });
})();
