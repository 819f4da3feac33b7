"""Rule files: loading and validating them, and the defaults the package ships (the YAML here).

Nothing is imported here, so that the checks can use the rule records without loading the
loader, which builds on the checks.
"""
